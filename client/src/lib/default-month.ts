import type { Indicator } from '../../../shared/contracts/catalogue.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { monthPeriod, parseMonth } from './period-nav.ts';

/**
 * The latest month with delivered data, read from one evaluation at December: a monthly flow or
 * summed ratio needs every month, so its `missingPeriods` at December list exactly the months not
 * delivered; the latest month not listed was delivered. Null when nothing was delivered.
 */
export function latestMonthWithData(rows: readonly StatusRow[], indicators: readonly Indicator[], year: number) {
  const needsEveryMonth = new Set(
    indicators
      .filter((i) => i.frequency === 'M' && (i.kind === 'flow' || (i.kind === 'ratio' && i.aggregate === 'sum')))
      .map((i) => i.code),
  );
  let latest = 0;
  for (const row of rows) {
    if (row.segment !== null || !needsEveryMonth.has(row.indicator)) continue;
    if (row.status === 'not_due' || (row.status === 'no_data' && row.missingPeriods.length === 0)) continue;
    const missing = new Set(
      row.missingPeriods
        .map((p) => parseMonth(p))
        .filter((p) => p?.year === year)
        .map((p) => p?.month),
    );
    for (let m = 12; m > latest; m--) {
      if (!missing.has(m)) {
        latest = m;
        break;
      }
    }
  }
  return latest > 0 ? monthPeriod(year, latest) : null;
}

/** Without data: the current month in a running DVO year, else its first or last month. */
export function fallbackMonth(year: number, today: Date): string {
  const thisYear = today.getFullYear();
  if (year === thisYear) return monthPeriod(year, today.getMonth() + 1);
  return monthPeriod(year, year < thisYear ? 12 : 1);
}
