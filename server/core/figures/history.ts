import type { Db } from '../../../db/client.ts';
import type { FigureHistory } from '../../../shared/contracts/figures.ts';
import { monthSpan, parsePeriod } from '../../../shared/domain/periods.ts';

export interface HistoryFilter {
  indicator?: string | undefined;
  /** Inclusive bounds, any period type: a figure is in range when its months overlap. */
  from?: string | undefined;
  to?: string | undefined;
}

interface RevisionRow {
  indicator: string;
  period: string;
  segment: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  recorded_at: string;
  superseded_at: string | null;
  username: string;
  import_id: number;
  source: 'csv' | 'xlsx' | 'api';
  filename: string | null;
}

/** Every figure of a DVO with all its revisions (newest first), in catalogue order then period. */
export function loadFigureHistory(db: Db, dvoId: number, filter: HistoryFilter): FigureHistory[] {
  const where = ['f.dvo_id = ?'];
  const params: (string | number)[] = [dvoId];
  if (filter.indicator) {
    where.push('i.code = ?');
    params.push(filter.indicator);
  }
  const rows = db.$client
    .prepare(
      `select i.code as indicator, f.period, f.segment, f.value, f.numerator, f.denominator, f.comment,
              f.recorded_at, f.superseded_at, u.username, f.import_id, im.source, im.filename
         from figures f
         join indicators i on i.id = f.indicator_id
         join users u on u.id = f.user_id
         join imports im on im.id = f.import_id
        where ${where.join(' and ')}
        order by i.sort_order, f.period, f.segment, f.recorded_at desc, f.id desc`,
    )
    .all(...params) as RevisionRow[];
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
      recordedAt: row.recorded_at,
      supersededAt: row.superseded_at,
      recordedBy: row.username,
      importId: row.import_id,
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
