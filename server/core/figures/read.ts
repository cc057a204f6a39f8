import { cachedStatement, type Db } from '../../../db/client.ts';
import type { assessments, figures, indicators } from '../../../db/schema.ts';
import type { Assessment, FigureValue } from '../../../shared/contracts/figures.ts';

/*
 * Raw prepared statements of decision 0014: these two loads are what every evaluation reads (each
 * cold GET /status, the warmer's every month of every DVO). Measured with `npm run bench:queries` on
 * the demo DVO (293 current figures): the figures in about 0.4–0.6 ms as raw rows against 1.2–1.3 ms
 * through the query builder; the assessments in about 40–75 µs against 265–345 µs. An evaluation
 * costs about 2.5 ms in all (decision 0006). The rows are typed from the schema, so renaming a field
 * breaks them at compile time; renaming a column breaks them in the tests.
 */

type Figure = typeof figures.$inferSelect;
type FigureTuple = [
  (typeof indicators.$inferSelect)['code'],
  Figure['period'],
  Figure['segment'],
  Figure['value'],
  Figure['numerator'],
  Figure['denominator'],
];
type AssessmentRow = Pick<typeof assessments.$inferSelect, 'period' | 'status' | 'narrative' | 'completedOn'> & {
  indicator: (typeof indicators.$inferSelect)['code'];
};

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
    .all(...params) as FigureTuple[];
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
  const rows = cachedStatement(db, sql).all(...params) as AssessmentRow[];
  return rows satisfies Assessment[];
}
