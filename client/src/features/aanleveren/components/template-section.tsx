import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import type { z } from 'zod';
import type { PeriodLockListSchema } from '../../../../../shared/contracts/figures.ts';
import { DUTCH_COLUMN_NAMES, TEMPLATE_HELP_COLUMNS } from '../../../../../shared/domain/delivery-columns.ts';
import { formatDateTime, formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';
import { PeriodLock } from '../../../components/period-lock.tsx';
import { PanelState } from '../../../components/ui/panel-state.tsx';
import { templateUrl } from '../api.ts';
import { lockCovering, monthsOfYear } from '../delivery-month.ts';

type LockList = z.infer<typeof PeriodLockListSchema>;

interface TemplateSectionProps {
  dvo: string;
  year: number;
  month: string;
  onMonthChange: (month: string) => void;
  locks: UseQueryResult<LockList>;
}

/** Step 1: the month, the pre-filled template for it, and which periods can no longer change. */
export function TemplateSection({ dvo, year, month, onMonthChange, locks }: TemplateSectionProps) {
  const ids = useId();
  const lockList = locks.data?.locks ?? [];
  const label = formatPeriodLabel(month);
  return (
    <section aria-labelledby={`${ids}-kop`} className="card">
      <h2 id={`${ids}-kop`}>1. Sjabloon downloaden</h2>
      <div className="field field-inline delivery-month">
        <label htmlFor={`${ids}-maand`}>Maand</label>
        <select id={`${ids}-maand`} value={month} onChange={(e) => onMonthChange(e.target.value)}>
          {monthsOfYear(year).map((m) => (
            <option key={m} value={m}>
              {formatPeriodLabel(m)}
              {lockCovering(m, lockList) ? ' (vastgesteld)' : ''}
            </option>
          ))}
        </select>
      </div>
      <PeriodLock dvo={dvo} period={month} reopenHint />
      <ul className="delivery-downloads">
        <li>
          <a className="button button-primary" href={templateUrl(dvo, month, 'xlsx')} download>
            Sjabloon {label} (Excel)
          </a>
        </li>
        <li>
          <a className="button" href={templateUrl(dvo, month, 'csv')} download>
            Sjabloon {label} (CSV)
          </a>
        </li>
      </ul>
      <div className="delivery-instructions">
        <p>
          Vul per regel de <strong>{DUTCH_COLUMN_NAMES.value}</strong> in; bij een percentage vult u{' '}
          <strong>{DUTCH_COLUMN_NAMES.numerator}</strong> en <strong>{DUTCH_COLUMN_NAMES.denominator}</strong> in. Een
          regel die u (nog) niet kunt aanleveren laat u leeg: die wordt overgeslagen.
        </p>
        <p>
          De grijze kolommen ({TEMPLATE_HELP_COLUMNS.name}, {TEMPLATE_HELP_COLUMNS.unit},{' '}
          {TEMPLATE_HELP_COLUMNS.previousPeriod} en {TEMPLATE_HELP_COLUMNS.previous}) zijn hulpkolommen; ze worden niet
          ingelezen. Aan het eind van een kwartaal staan ook de kwartaalcijfers erin, in december ook de jaarcijfers.
        </p>
      </div>

      <h3>Vastgestelde perioden</h3>
      <PanelState
        query={locks}
        label="de vastgestelde perioden"
        isEmpty={(data) => data.locks.length === 0}
        empty={
          <p className="muted">Nog geen enkele periode van {year} is vastgesteld; alles kan nog worden aangeleverd.</p>
        }
      >
        {(data) => (
          <ul className="delivery-locks">
            {data.locks.map((lock) => (
              <li key={lock.period}>
                Vastgesteld: <strong>{formatPeriodLabel(lock.period)}</strong> (door {lock.lockedBy} op{' '}
                <time dateTime={lock.lockedAt}>{formatDateTime(lock.lockedAt)}</time>)
              </li>
            ))}
          </ul>
        )}
      </PanelState>
    </section>
  );
}
