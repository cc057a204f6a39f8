import { useQuery } from '@tanstack/react-query';
import { fallbackMonth, latestMonthWithData } from '../../lib/default-month.ts';
import { monthPeriod } from '../../lib/period-nav.ts';
import { indicatorsQuery, statusQuery } from './api.ts';

/**
 * The month a page opens at when its URL names none: the latest month with data (read from one
 * evaluation at December, as the DVO's landing screen does), else a sensible month of the year.
 * Null while it is being looked up.
 */
export function useDefaultMonth(dvo: string, year: number | undefined, enabled: boolean): string | null {
  const lookup = enabled && year !== undefined;
  const december = useQuery({ ...statusQuery(dvo, monthPeriod(year ?? 0, 12)), enabled: lookup });
  const indicators = useQuery({ ...indicatorsQuery(dvo), enabled: lookup });
  if (!lookup || year === undefined) return null;
  if (december.data && indicators.data) {
    return latestMonthWithData(december.data.rows, indicators.data.indicators, year) ?? fallbackMonth(year, new Date());
  }
  if (december.isError || indicators.isError) return fallbackMonth(year, new Date());
  return null;
}
