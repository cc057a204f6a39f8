import { cachedStatement, type Db } from '../../../db/client.ts';
import type { Assessment, FigureValue } from '../../../shared/contracts/figures.ts';

/**
 * The figures of a DVO as they stood at `asOf` (ISO time), or as they stand now when `asOf` is null:
 * per key the revision recorded at or before `asOf` and not yet superseded at that moment.
 */
export function loadFigures(db: Db, dvoId: number, asOf: string | null): FigureValue[] {
  const sql = `select i.code as indicator, f.period, f.segment, f.value, f.numerator, f.denominator
      from figures f join indicators i on i.id = f.indicator_id
     where f.dvo_id = ? and ${asOf === null ? 'f.superseded_at is null' : 'f.recorded_at <= ? and (f.superseded_at is null or f.superseded_at > ?)'}`;
  const params = asOf === null ? [dvoId] : [dvoId, asOf, asOf];
  // raw rows into object literals: the driver building objects was most of this query's cost
  const rows = cachedStatement(db, sql)
    .raw(true)
    .all(...params) as [string, string, string, number | null, number | null, number | null][];
  return rows.map(([indicator, period, segment, value, numerator, denominator]) => ({
    indicator,
    period,
    segment: segment === '' ? null : segment,
    value,
    numerator,
    denominator,
  }));
}

export function loadAssessments(db: Db, dvoId: number, asOf: string | null): Assessment[] {
  const sql = `select i.code as indicator, a.period, a.status, a.narrative, a.completed_on as completedOn
      from assessments a join indicators i on i.id = a.indicator_id
     where a.dvo_id = ? and ${asOf === null ? 'a.superseded_at is null' : 'a.recorded_at <= ? and (a.superseded_at is null or a.superseded_at > ?)'}`;
  const params = asOf === null ? [dvoId] : [dvoId, asOf, asOf];
  return cachedStatement(db, sql).all(...params) as Assessment[];
}
