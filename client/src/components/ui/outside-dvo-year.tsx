import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatPeriodLabel, monthName } from '../../../../shared/domain/format-nl.ts';
import { ApiError } from '../../lib/api-client.ts';
import { dvosQuery } from '../../lib/dvo-queries.ts';

/** Whether a request failed because its period lies in another year than the DVO's (by error code). */
export function isOutsideDvoYear(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'period_outside_dvo_year';
}

/** Whether a request failed because the DVO of the URL does not exist or is not the user's (404). */
export function isUnknownDvo(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'not_found';
}

interface OutsideDvoYearProps {
  dvo: string;
  period: string;
  /** Offer the year's months (default) or its quarters. */
  unit?: 'month' | 'quarter';
  /** Where a month or quarter of the year leads; default its Maandoverzicht or Kwartaaloverleg. */
  href?: (period: string) => string;
}

/**
 * Said once instead of an error per panel with a pointless "Opnieuw proberen": the period lies
 * outside the DVO's year, with the months (or quarters) of that year to go to.
 */
export function OutsideDvoYear({ dvo, period, unit = 'month', href }: OutsideDvoYearProps) {
  const summary = useQuery(dvosQuery).data?.dvos.find((d) => d.slug === dvo);
  const base = `/dvo/${encodeURIComponent(dvo)}`;
  const to = href ?? ((p: string) => `${base}/${unit === 'month' ? 'maand' : 'kwartaal'}/${p}`);
  const noun = unit === 'month' ? 'maand' : 'kwartaal';
  const periods = summary
    ? unit === 'month'
      ? Array.from({ length: 12 }, (_, i) => ({
          period: `${summary.year}-${String(i + 1).padStart(2, '0')}`,
          label: monthName(i + 1),
        }))
      : Array.from({ length: 4 }, (_, i) => ({
          period: `${summary.year}-Q${i + 1}`,
          label: formatPeriodLabel(`${summary.year}-Q${i + 1}`),
        }))
    : [];
  return (
    <div className="message outside-year">
      <p>
        De periode {formatPeriodLabel(period)} valt buiten het jaar van deze DVO
        {summary ? ` (${summary.year}). Kies een ${noun} van ${summary.year}:` : '.'}
      </p>
      {summary && (
        <nav aria-label={`${unit === 'month' ? 'Maanden' : 'Kwartalen'} van ${summary.year}`}>
          <ul className="outside-year-months">
            {periods.map((p) => (
              <li key={p.period}>
                <Link to={to(p.period)}>{p.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}

/**
 * Said once instead of an error per panel: the DVO in the address does not exist or is not the
 * user's, with the DVO's they may see to go to.
 */
export function UnknownDvo({ dvo }: { dvo: string }) {
  const dvos = useQuery(dvosQuery).data?.dvos ?? [];
  return (
    <>
      <h1>DVO niet gevonden</h1>
      <div className="message outside-year">
        <p>
          Er is geen DVO met de code {dvo}, of u heeft er geen toegang toe.
          {dvos.length > 0 ? ' Kies een DVO:' : ' Vraag de beheerder om toegang.'}
        </p>
        {dvos.length > 0 && (
          <nav aria-label="Uw DVO's">
            <ul className="outside-year-months">
              {dvos.map((d) => (
                <li key={d.slug}>
                  <Link to={`/dvo/${encodeURIComponent(d.slug)}`}>{d.name}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </>
  );
}
