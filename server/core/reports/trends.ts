import type { Db } from '../../../db/client.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { type Trends, trendKey } from '../../../shared/domain/deviation-report.ts';
import { parsePeriod } from '../../../shared/domain/periods.ts';
import { monthPoints } from '../../../shared/domain/series.ts';
import type { DvoRecord } from '../dvo-access.ts';
import { evaluateStatus } from '../evaluation/evaluation.ts';

/**
 * The course over the year of every row of a deviation list, from January up to the list's month,
 * read from the cached evaluations of those months at the list's `asOf` (the same ones `GET /series`
 * reads), so an export shows the trend the month screen shows. A month whose stored data cannot be
 * evaluated leaves a gap rather than failing the export.
 */
export function deviationTrends(
  db: Db,
  dvo: DvoRecord,
  list: { evaluatedMonth: string; asOf: string | null; rows: readonly { indicator: string; segment: string | null }[] },
  now: Date,
): Trends {
  const month = parsePeriod(list.evaluatedMonth)?.index ?? 0;
  const rowsByMonth: (StatusRow[] | undefined)[] = Array.from({ length: month }, (_, i) => {
    try {
      return evaluateStatus(db, { dvo, month: i + 1, asOf: list.asOf, now });
    } catch {
      return undefined;
    }
  });
  return new Map(
    list.rows.map((row) => [
      trendKey(row.indicator, row.segment),
      monthPoints(rowsByMonth, row.indicator, row.segment),
    ]),
  );
}
