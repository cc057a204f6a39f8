import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { fallbackMonth, latestMonthWithData } from '../lib/default-month.ts';
import { dvosQuery, indicatorsQuery, statusQuery } from '../lib/dvo-queries.ts';
import { monthPeriod, parseMonth, quarterOfMonthPeriod } from '../lib/period-nav.ts';
import { rememberedMonth } from './period-memory.ts';
import { Redirect } from './redirect.tsx';

/**
 * `/dvo/:dvo` (and `/dvo/:dvo/kwartaal`): opens the DVO at the month the user last chose, else at
 * the latest month with data (read from one evaluation at December), else a sensible month.
 */
export function DvoHome({ target = 'maand' }: { target?: 'maand' | 'kwartaal' }) {
  const { dvo = '' } = useParams();
  const dvos = useQuery(dvosQuery);
  const summary = dvos.data?.dvos.find((d) => d.slug === dvo);
  const year = summary?.year ?? 0;
  const remembered = rememberedMonth(dvo);
  const known = remembered && parseMonth(remembered)?.year === year ? remembered : null;
  const needsLookup = Boolean(summary) && known === null;
  const december = useQuery({ ...statusQuery(dvo, monthPeriod(year, 12)), enabled: needsLookup });
  const indicators = useQuery({ ...indicatorsQuery(dvo), enabled: needsLookup });

  if (dvos.isError) return <p role="alert">De DVO&apos;s konden niet worden geladen. Probeer het later opnieuw.</p>;
  if (dvos.isPending) return <p role="status">Bezig met laden…</p>;
  if (!summary) return <p className="message">Deze DVO bestaat niet of u heeft er geen toegang toe.</p>;

  let month = known;
  if (month === null) {
    if (december.isPending || indicators.isPending) {
      if (!december.isError && !indicators.isError)
        return <p role="status">Bezig met het zoeken van de laatste maand met gegevens…</p>;
    }
    month =
      (december.data && indicators.data
        ? latestMonthWithData(december.data.rows, indicators.data.indicators, year)
        : null) ?? fallbackMonth(year, new Date());
  }
  const path =
    target === 'kwartaal'
      ? `/dvo/${encodeURIComponent(dvo)}/kwartaal/${quarterOfMonthPeriod(month)}`
      : `/dvo/${encodeURIComponent(dvo)}/maand/${month}`;
  return <Redirect to={path} />;
}
