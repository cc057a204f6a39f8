import type { Signal } from '../../../../../shared/contracts/deviations.ts';
import { StatusIcon } from '../../../components/ui/status-badge.tsx';

/** Icon (by severity, so it is never colour alone) and a word for each kind of signal. */
const SIGNAL_LOOK: Record<Signal['type'], { status: 'off_track' | 'attention' | 'not_due'; word: string }> = {
  rapportage_ontbreekt: { status: 'off_track', word: 'ontbreekt' },
  rapportage_te_laat_ontvangen: { status: 'attention', word: 'te laat ontvangen' },
  rapportage_verwacht: { status: 'not_due', word: 'verwacht' },
};

/** Late (or soon due) quarterly reports such as Groeien oud; the server words each one. */
export function SignalsPanel({ signals }: { signals: readonly Signal[] }) {
  if (signals.length === 0) return null;
  return (
    <section aria-labelledby="overleg-signalen" className="card overleg-signals">
      <h2 id="overleg-signalen">Signalen</h2>
      <ul className="overleg-signal-list">
        {signals.map((s) => {
          const look = SIGNAL_LOOK[s.type];
          return (
            <li key={`${s.type}-${s.indicator}-${s.period}`}>
              <span className={`status status-${look.status.replace('_', '-')} overleg-signal-word`}>
                <StatusIcon status={look.status} />
                <span>{look.word}:</span>
              </span>{' '}
              <span>{s.message}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
