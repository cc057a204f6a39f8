import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { cachedStatement, type Db, preparedQuery } from '../../../db/client.ts';
import { assessments, type figures, indicators } from '../../../db/schema.ts';
import type { Assessment, FigureValue } from '../../../shared/contracts/figures.ts';

/*
 * Every evaluation (each cold GET /status, the warmer's every month of every DVO; about 2.5 ms in
 * all, decision 0006) reads the figures and the assessments. Measured with `npm run bench:queries` on
 * the demo DVO (293 current figures): the figures in 0.3–0.6 ms as raw rows of a raw prepared
 * statement, 0.5 ms through the query builder prepared once, 0.7–1.3 ms built per call; so the
 * figures stay a raw statement (decision 0015), its rows typed from the schema (renaming a field
 * breaks them at compile time, renaming a column in the tests). The assessments, a few rows, cost the
 * same prepared once as raw (about 60 µs, against 230–300 µs built per call).
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

/**
 * The figures of a DVO as they stood at `asOf` (ISO time), or as they stand now when `asOf` is null:
 * per key the revision recorded at or before `asOf` and not yet superseded at that moment.
 */
export function loadFigures(db: Db, dvoId: number, asOf: string | null): FigureValue[] {
  const query = `select i.code as indicator, f.period, f.segment, f.value, f.numerator, f.denominator
      from figures f join indicators i on i.id = f.indicator_id
     where f.dvo_id = ? and ${asOf === null ? 'f.superseded_at is null' : 'f.recorded_at <= ? and (f.superseded_at is null or f.superseded_at > ?)'}`;
  const params = asOf === null ? [dvoId] : [dvoId, asOf, asOf];
  // raw rows into object literals: the driver building objects was most of this query's cost
  const rows = cachedStatement(db, query)
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

const assessmentColumns = {
  indicator: indicators.code,
  period: assessments.period,
  status: assessments.status,
  narrative: assessments.narrative,
  completedOn: assessments.completedOn,
};

function selectCurrentAssessments(db: Db) {
  return db
    .select(assessmentColumns)
    .from(assessments)
    .innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
    .where(and(eq(assessments.dvoId, sql.placeholder('dvo')), isNull(assessments.supersededAt)))
    .prepare();
}

function selectAssessmentsAsOf(db: Db) {
  const asOf = sql.placeholder('asOf');
  return db
    .select(assessmentColumns)
    .from(assessments)
    .innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
    .where(
      and(
        eq(assessments.dvoId, sql.placeholder('dvo')),
        lte(assessments.recordedAt, asOf),
        or(isNull(assessments.supersededAt), gt(assessments.supersededAt, asOf)),
      ),
    )
    .prepare();
}

export function loadAssessments(db: Db, dvoId: number, asOf: string | null): Assessment[] {
  return asOf === null
    ? preparedQuery(db, selectCurrentAssessments).all({ dvo: dvoId })
    : preparedQuery(db, selectAssessmentsAsOf).all({ dvo: dvoId, asOf });
}
