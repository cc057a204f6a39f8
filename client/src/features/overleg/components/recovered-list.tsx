import { Link } from 'react-router';
import type { RecoveredDeviation } from '../../../../../shared/contracts/deviations.ts';
import { formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { CarriedNote } from '../../../components/carried-note.tsx';
import { agreementName, STATE_LABEL } from '../overleg-text.ts';

/** Threads still open whose agreement is on track again at this month: ready to be closed. */
export function RecoveredList({
  recovered,
  threadHref,
}: {
  recovered: readonly RecoveredDeviation[];
  threadHref: (id: number) => string;
}) {
  if (recovered.length === 0) return null;
  return (
    <section aria-labelledby="overleg-hersteld" className="card">
      <h2 id="overleg-hersteld">Hersteld, nog niet afgesloten</h2>
      <p className="hint">Deze afspraken wijken niet meer af. De opdrachtgever kan de afwijking afsluiten.</p>
      <ul className="overleg-plain-list">
        {recovered.map((r) => (
          <li key={r.deviationId}>
            <Link to={threadHref(r.deviationId)}>{agreementName(r.name, r.segment)}</Link>: stand {STATE_LABEL[r.state]}
            , afwijkend van {formatPeriodLabel(r.firstPeriod)} tot en met {formatPeriodLabel(r.lastPeriod)}.
            <CarriedNote carriedFrom={r.carriedFrom} carriedTo={r.carriedTo} />
          </li>
        ))}
      </ul>
    </section>
  );
}
