import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatPeriodLabel, monthName } from '../../../../shared/domain/format-nl.ts';
import { ApiError } from '../../lib/api-client.ts';
import { dvosQuery } from '../../lib/dvo-queries.ts';

/** Whether a request failed because its period lies in another year than the DVO's (by error code). */
export function isOutsideDvoYear(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'period_outside_dvo_year';
}

/**
 * Said once instead of an error per panel with a pointless "Opnieuw proberen": the period lies
 * outside the DVO's year, with the months of that year to go to.
 */
export function OutsideDvoYear({ dvo, period }: { dvo: string; period: string }) {
  const summary = useQuery(dvosQuery).data?.dvos.find((d) => d.slug === dvo);
  const base = `/dvo/${encodeURIComponent(dvo)}/maand`;
  return (
    <div className="message outside-year">
      <p>
        De periode {formatPeriodLabel(period)} valt buiten het jaar van deze DVO
        {summary ? ` (${summary.year}). Kies een maand van ${summary.year}:` : '.'}
      </p>
      {summary && (
        <nav aria-label={`Maanden van ${summary.year}`}>
          <ul className="outside-year-months">
            {Array.from({ length: 12 }, (_, i) => {
              const month = `${summary.year}-${String(i + 1).padStart(2, '0')}`;
              return (
                <li key={month}>
                  <Link to={`${base}/${month}`}>{monthName(i + 1)}</Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
    </div>
  );
}
