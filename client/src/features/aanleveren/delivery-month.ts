const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthOf(year, i + 1));
}

/** The `?periode=` value when it is a month of the DVO year, else null. */
export function readMonthParam(value: string | null, year: number): string | null {
  const m = MONTH.exec(value ?? '');
  return m && Number(m[1]) === year ? (value as string) : null;
}

/**
 * The month a team leader most likely delivers now. In a running DVO year: last month (January
 * itself in January). In a year that is over: where the deliveries stopped, that is the last month
 * with figures while it holds fewer figures than the month before (delivered in part), else the month
 * after it; December when nothing was delivered. A year still to come starts at January.
 */
export function defaultDeliveryMonth(year: number, today: Date, periodsWithFigures: readonly string[]): string {
  const thisYear = today.getFullYear();
  if (year === thisYear) return monthOf(year, Math.max(1, today.getMonth()));
  if (year > thisYear) return monthOf(year, 1);
  const perMonth = new Array<number>(13).fill(0);
  for (const period of periodsWithFigures) {
    const m = MONTH.exec(period);
    if (m && Number(m[1]) === year) perMonth[Number(m[2])] = (perMonth[Number(m[2])] ?? 0) + 1;
  }
  const latest = perMonth.findLastIndex((n) => n > 0);
  if (latest <= 0) return monthOf(year, 12);
  const partial = latest > 1 && (perMonth[latest] ?? 0) < (perMonth[latest - 1] ?? 0);
  return monthOf(year, partial ? latest : Math.min(12, latest + 1));
}

// one definition for every screen about a period
export { lockCovering } from '../../lib/dvo-queries.ts';
