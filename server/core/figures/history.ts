import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { figures, imports, indicators } from '../../../db/schema.ts';
import type { FigureHistory } from '../../../shared/contracts/figures.ts';
import { monthSpan, parsePeriod } from '../../../shared/domain/periods.ts';
import { usernameOf } from '../users/username.ts';

/** A figure revision as people see it: what was delivered, when and by whom; needs the join to `indicators`. */
export const revisionColumns = {
  indicator: indicators.code,
  period: figures.period,
  segment: figures.segment,
  value: figures.value,
  numerator: figures.numerator,
  denominator: figures.denominator,
  comment: figures.comment,
  recordedAt: figures.recordedAt,
  recordedBy: usernameOf(figures.userId),
};

export interface HistoryFilter {
  indicator?: string | undefined;
  /** Inclusive bounds, any period type: a figure is in range when its months overlap. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Every figure of a DVO with all its revisions (newest first), in catalogue order then period. */
export function loadFigureHistory(db: Db, dvoId: number, filter: HistoryFilter): FigureHistory[] {
  const rows = db
    .select({
      ...revisionColumns,
      supersededAt: figures.supersededAt,
      importId: figures.importId,
      source: imports.source,
      filename: imports.filename,
    })
    .from(figures)
    .innerJoin(indicators, eq(indicators.id, figures.indicatorId))
    .innerJoin(imports, eq(imports.id, figures.importId))
    .where(and(eq(figures.dvoId, dvoId), filter.indicator ? eq(indicators.code, filter.indicator) : undefined))
    .orderBy(indicators.sortOrder, figures.period, figures.segment, desc(figures.recordedAt), desc(figures.id))
    .all();
  const result: FigureHistory[] = [];
  let last: FigureHistory | undefined;
  for (const row of rows) {
    if (!inRange(row.period, filter)) continue;
    const segment = row.segment === '' ? null : row.segment;
    if (!last || last.indicator !== row.indicator || last.period !== row.period || last.segment !== segment) {
      last = { indicator: row.indicator, period: row.period, segment, revisions: [] };
      result.push(last);
    }
    last.revisions.push({
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      comment: row.comment,
      recordedAt: row.recordedAt,
      supersededAt: row.supersededAt,
      recordedBy: row.recordedBy,
      importId: row.importId,
      source: row.source,
      filename: row.filename,
    });
  }
  return result;
}

/** Compares periods by the months they cover, so a quarter or year is in range when its months are. */
function inRange(period: string, { from, to }: HistoryFilter): boolean {
  const own = monthRange(period);
  if (!own) return false;
  const lower = from ? monthRange(from) : null;
  const upper = to ? monthRange(to) : null;
  if (lower && own.last < lower.first) return false;
  if (upper && own.first > upper.last) return false;
  return true;
}

/** A period as yyyymm numbers of its first and last month. */
function monthRange(period: string): { first: number; last: number } | null {
  const p = parsePeriod(period);
  if (!p) return null;
  const span = monthSpan(p);
  return { first: p.year * 100 + span.first, last: p.year * 100 + span.last };
}
