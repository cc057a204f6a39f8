import { useQuery } from '@tanstack/react-query';
import type { LockChange } from '../../../shared/contracts/deviations.ts';
import {
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatSegment,
  formatValue,
} from '../../../shared/domain/format-nl.ts';
import { STATUS_LABEL } from '../../../shared/domain/statuses.ts';
import { lockChangesQuery } from '../lib/dvo-queries.ts';

/** A figure as the user delivered it: a value in its unit, or numerator/denominator with the percentage. */
export function figureNumbersText(numbers: LockChange['old'], unit: LockChange['unit']): string {
  if (numbers === null) return 'niet geleverd';
  if (numbers.numerator !== null && numbers.denominator !== null) {
    const pct = numbers.denominator > 0 ? ` (${formatPercent((100 * numbers.numerator) / numbers.denominator)})` : '';
    return `${formatNumber(numbers.numerator)}/${formatNumber(numbers.denominator)}${pct}`;
  }
  return formatValue(numbers.value, unit);
}

function statusText(change: LockChange): string {
  const before = change.statusBefore ? STATUS_LABEL[change.statusBefore] : 'onbekend';
  const after = change.statusAfter ? STATUS_LABEL[change.statusAfter] : 'onbekend';
  return change.statusChanged ? `gewijzigd: van ${before} naar ${after}` : `ongewijzigd (${after})`;
}

interface LockChangesProps {
  dvo: string;
  /** The screen's period (Maandoverzicht: its month), or every period when absent (Indicator). */
  period?: string;
  /** Only this agreement (Indicator). */
  indicator?: string;
}

/**
 * "Gewijzigd na vaststelling": figures of a vastgestelde period that are different now from when it
 * was first vastgesteld, with the old and the new value and whether the status changed (the server
 * compares the evaluation as of that moment with now). Nothing when nothing changed.
 */
export function LockChanges({ dvo, period, indicator }: LockChangesProps) {
  const changes = useQuery(lockChangesQuery(dvo, { period, indicator }));
  const periods = (changes.data?.periods ?? []).filter((p) => p.changes.length > 0);
  if (periods.length === 0) return null;
  return (
    <section aria-labelledby="gewijzigd-na-vaststelling" className="card lock-changes">
      <h2 id="gewijzigd-na-vaststelling">Gewijzigd na vaststelling</h2>
      {periods.map((p) => (
        <div key={p.period}>
          <p className="hint">
            {formatPeriodLabel(p.period)} is op {formatDateTime(p.firstLockedAt)} vastgesteld door {p.firstLockedBy}
            {p.locked
              ? p.lockedAt === p.firstLockedAt
                ? '.'
                : `, heropend en op ${formatDateTime(p.lockedAt)} opnieuw vastgesteld door ${p.lockedBy}.`
              : ' en is nu heropend.'}{' '}
            Deze cijfers zijn sindsdien gewijzigd; de status is die van {formatPeriodLabel(p.evaluatedMonth)}, bij
            vaststelling en nu.
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Gewijzigd na vaststelling van {formatPeriodLabel(p.period)}</caption>
              <thead>
                <tr>
                  <th scope="col">Afspraak</th>
                  <th scope="col">Periode</th>
                  <th scope="col" className="num">
                    Oud (bij vaststelling)
                  </th>
                  <th scope="col" className="num">
                    Nieuw
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Gewijzigd</th>
                </tr>
              </thead>
              <tbody>
                {p.changes.map((c) => (
                  <tr key={`${c.indicator}/${c.period}/${c.segment ?? ''}`} className="lock-change">
                    <th scope="row">
                      {c.name}
                      {c.segment ? ` (${formatSegment(c.segment)})` : ''}{' '}
                      <span className="lock-change-tag">gewijzigd na vaststelling</span>
                    </th>
                    <td>{formatPeriodLabel(c.period)}</td>
                    <td className="num">{figureNumbersText(c.old, c.unit)}</td>
                    <td className="num">{figureNumbersText(c.new, c.unit)}</td>
                    <td className={c.statusChanged ? 'lock-change-status-changed' : undefined}>{statusText(c)}</td>
                    <td>
                      {c.changedBy}, {formatDateTime(c.changedAt)}
                      {c.comment ? `: ${c.comment}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
