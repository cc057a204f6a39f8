import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Indicator } from '../../../../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../../../../shared/contracts/dvos.ts';
import { describeNorm, formatValue } from '../../../../../shared/domain/format-nl.ts';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { dvosQuery, indicatorsQuery, statusQuery } from '../../../lib/dvo-queries.ts';
import { findPreviousAgreement, lastYearDvo } from '../chart-data/previous-year.ts';
import { findRow } from '../chart-data/series.ts';

/**
 * Years side by side (issue #14 point 4): this agreement's norm beside the same agreement in last
 * year's DVO, with last year's year result (its evaluation at December) where known. Shows nothing
 * when there is no last year to compare with.
 */
export function PreviousYear({
  dvo,
  indicator,
  catalogue,
}: {
  dvo: DvoSummary;
  indicator: Indicator;
  /** This year's agreements, to name a relative norm's base. */
  catalogue: readonly Indicator[];
}) {
  const ids = useId();
  const dvos = useQuery(dvosQuery);
  const match = dvos.data ? findPreviousAgreement(indicator, dvos.data.dvos) : null;
  const lastYear = dvos.data ? lastYearDvo(dvo, dvos.data.dvos) : null;
  const previousDvo = dvos.data?.dvos.find((d) => d.slug === match?.dvo);
  const previous = useQuery({ ...indicatorsQuery(match?.dvo ?? ''), enabled: Boolean(match) });
  const december = previousDvo ? `${previousDvo.year}-12` : '';
  const status = useQuery({ ...statusQuery(match?.dvo ?? '', december), enabled: Boolean(match && previousDvo) });
  if (!match || !previousDvo) {
    // recorded as new (decision 0026): say so where last year's DVO exists, rather than show nothing
    if (!lastYear || indicator.previous !== null) return null;
    return (
      <section aria-labelledby={`${ids}-kop`} className="card previous-year">
        <h2 id={`${ids}-kop`}>Vorig jaar naast dit jaar</h2>
        <p className="message">
          Deze afspraak is nieuw in {dvo.year}: er hoort geen afspraak uit {lastYear.name} bij.
        </p>
      </section>
    );
  }
  const before = previous.data?.indicators.find((i) => i.code === match.code);
  const result = match ? findRow(status.data, match.code, null) : undefined;
  return (
    <section aria-labelledby={`${ids}-kop`} className="card previous-year">
      <h2 id={`${ids}-kop`}>Vorig jaar naast dit jaar</h2>
      {previous.isPending || status.isPending ? (
        <p className="muted">Vorig jaar wordt geladen…</p>
      ) : previous.isError ? (
        <p className="message message-error">De DVO van vorig jaar kon niet worden geladen.</p>
      ) : !before ? (
        <p className="message">
          {previousDvo.name} heeft geen afspraak met de code {match.code}: deze afspraak is nieuw of heeft een andere
          code gekregen.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Norm en jaarresultaat per jaar</caption>
            <thead>
              <tr>
                <th scope="col">Jaar</th>
                <th scope="col">Norm</th>
                <th scope="col">Jaarresultaat (stand december)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{dvo.year}</th>
                <td>{describeNorm(indicator, catalogue)}</td>
                <td>lopend jaar: zie hieronder</td>
              </tr>
              <tr>
                <th scope="row">
                  <Link to={`/dvo/${encodeURIComponent(previousDvo.slug)}/indicator/${encodeURIComponent(match.code)}`}>
                    {previousDvo.year}
                    <span className="visually-hidden">
                      : {before.name} in {previousDvo.name}
                    </span>
                  </Link>
                </th>
                <td>{describeNorm(before, previous.data?.indicators ?? [])}</td>
                <td>
                  {result && result.actual !== null ? (
                    <>
                      {formatValue(result.actual, before.unit)} <StatusBadge status={result.status} />
                    </>
                  ) : result ? (
                    <StatusBadge status={result.status} />
                  ) : (
                    'niet bekend'
                  )}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
