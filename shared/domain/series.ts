import type { MonthPoint, StatusRow } from '../contracts/status.ts';

/**
 * Twelve points, one per month of the year, for one agreement (and segment): `rowsByMonth[i]` is the
 * evaluation at month i+1, absent when not loaded or after the evaluation month, giving nulls
 * there. For a flow the points are the cumulative realisation and the pro-rata norm path, for a
 * stock or ratio its value each month against the norm.
 */
export function monthPoints(
  rowsByMonth: readonly (readonly StatusRow[] | undefined)[],
  indicator: string,
  segment: string | null,
): MonthPoint[] {
  return Array.from({ length: 12 }, (_, i) => {
    const row = rowsByMonth[i]?.find((r) => r.indicator === indicator && r.segment === segment);
    return {
      month: i + 1,
      actual: row?.actual ?? null,
      expected: row?.expected ?? null,
      marginLow: row?.marginLow ?? null,
      marginHigh: row?.marginHigh ?? null,
      status: row?.status ?? null,
    };
  });
}
