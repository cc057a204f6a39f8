/**
 * Property tests of the evaluation rules of the corrected reading (shared/spec/domain.md "Readings
 * corrected", interface.md §5): partial segments, the total row of a per-segment norm, qualitative
 * agreements on the latest due quarter, frequency `once`, and a budget over more than one year.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Indicator, IndicatorSchema } from '../contracts/catalogue.ts';
import type { Assessment, FigureValue } from '../contracts/figures.ts';
import type { StatusRow } from '../contracts/status.ts';
import { evaluateDvo, nearlyEqual } from './evaluate.ts';
import { duePeriods, formatPeriod, isDue, parsePeriod } from './periods.ts';

const YEAR = 2024;
const JUDGED = ['on_track', 'attention', 'off_track'];

function indicator(fields: Record<string, unknown>): Indicator {
  return IndicatorSchema.parse({
    article: '0',
    chapter: 'Test',
    name: String(fields.code),
    source: { type: 'dvo', reference: 'DVO' },
    ...fields,
  });
}

function rows(indicators: Indicator[], figures: FigureValue[], m: number, assessments: Assessment[] = []) {
  return evaluateDvo({ year: YEAR, month: m, indicators, figures, assessments });
}

function rowOf(all: StatusRow[], code: string, segment: string | null = null): StatusRow {
  const row = all.find((r) => r.indicator === code && r.segment === segment);
  if (!row) throw new Error(`no row ${code}/${segment}`);
  return row;
}

const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
const value = (code: string, period: string, v: number, segment: string | null = null): FigureValue => ({
  indicator: code,
  period,
  segment,
  value: v,
  numerator: null,
  denominator: null,
});
const monthArb = fc.integer({ min: 1, max: 12 });

describe('a period delivered for only some segments is missing, not a shortfall', () => {
  const segments = ['matchen', 'groeien', 'overig'];
  const flow = indicator({
    code: 'uitstroom',
    kind: 'flow',
    frequency: 'M',
    unit: 'aantal',
    segments,
    norm: { basis: 'annual', kind: 'min', value: 400 },
    margin: 0.1,
  });

  it('gives the total no_data with exactly the partial and empty months listed, whatever the numbers', () => {
    fc.assert(
      fc.property(
        monthArb,
        // per month and segment: delivered or not, and how many
        fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { minLength: 3, maxLength: 3 }), {
          minLength: 12,
          maxLength: 12,
        }),
        (m, grid) => {
          const figures = grid.flatMap((perSegment, i) =>
            perSegment.flatMap((v, s) => (v === null ? [] : [value('uitstroom', month(i + 1), v, segments[s]!)])),
          );
          const row = rowOf(rows([flow], figures, m), 'uitstroom');
          const incomplete = grid
            .slice(0, m)
            .map((perSegment, i) => (perSegment.some((v) => v === null) ? month(i + 1) : null))
            .filter((p): p is string => p !== null);
          expect(row.missingPeriods).toEqual(incomplete);
          if (incomplete.length > 0) {
            expect(row.status).toBe('no_data');
            expect(row.actual).toBeNull();
          } else {
            expect(JUDGED).toContain(row.status);
            const total = grid
              .slice(0, m)
              .reduce((a, perSegment) => a + perSegment.reduce<number>((b, v) => b + (v ?? 0), 0), 0);
            expect(row.actual).toBe(total);
          }
        },
      ),
    );
  });

  it('lets a delivered total stand for its month, whichever segments came with it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.subarray(segments), (total, some) => {
        const figures = [value('uitstroom', month(1), total), ...some.map((s) => value('uitstroom', month(1), 1, s))];
        const row = rowOf(rows([flow], figures, 1), 'uitstroom');
        expect(row).toMatchObject({ actual: total, missingPeriods: [] });
      }),
    );
  });
});

describe('the total row of a norm judged per segment needs every segment base', () => {
  const cohorts = ['cohort_2021', 'cohort_2022', 'cohort_2023'];
  const withIntake = (values: Record<string, number | null>) =>
    indicator({
      code: 'groeien_zittend_uitstroom',
      kind: 'flow',
      frequency: 'M',
      unit: 'aantal',
      segments: cohorts,
      normPerSegment: true,
      norm: {
        basis: 'relative',
        kind: 'min',
        factor: 1 / 6,
        baseParameter: { name: 'Instroom in Groeien per cohortjaar', values, source: 'Civsam' },
      },
      margin: 0.1,
    });
  const intakeArb = fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), {
    minLength: 3,
    maxLength: 3,
  });

  it('judges each cohort on 1/6 of its own intake, and the total on the sum only when every intake is known', () => {
    fc.assert(
      fc.property(monthArb, intakeArb, fc.integer({ min: 0, max: 5 }), (m, intake, perMonth) => {
        const values = Object.fromEntries(cohorts.map((c, i) => [c, intake[i] ?? null]));
        const ind = withIntake(values);
        const figures = cohorts.flatMap((c) =>
          Array.from({ length: 12 }, (_, i) => value(ind.code, month(i + 1), perMonth, c)),
        );
        const all = rows([ind], figures, m);
        cohorts.forEach((c, i) => {
          const row = rowOf(all, ind.code, c);
          const base = intake[i];
          if (base == null) {
            expect(row).toMatchObject({ status: 'no_data', expected: null, actual: perMonth * m });
          } else {
            expect(nearlyEqual(row.expected as number, (base / 6) * (m / 12)) || row.expected === 0).toBe(true);
            expect(JUDGED).toContain(row.status);
          }
        });
        const total = rowOf(all, ind.code);
        if (intake.some((v) => v == null)) {
          expect(total).toMatchObject({ status: 'no_data', expected: null });
        } else {
          const sum = intake.reduce<number>((a, v) => a + (v ?? 0), 0);
          expect(nearlyEqual(total.expected as number, (sum / 6) * (m / 12)) || total.expected === 0).toBe(true);
          expect(total.norm).toMatchObject({ basis: 'relative', baseName: 'Instroom in Groeien per cohortjaar' });
        }
      }),
    );
  });

  it('needs every segment of a base indicator too: a delivered base total is not enough', () => {
    const base = indicator({
      code: 'omvang',
      kind: 'stock',
      frequency: 'Y',
      unit: 'aantal',
      segments: cohorts,
      norm: { basis: 'none', kind: 'monitor' },
      margin: null,
    });
    const relative = indicator({
      code: 'uitstroom_cohort',
      kind: 'flow',
      frequency: 'M',
      unit: 'aantal',
      segments: cohorts,
      normPerSegment: true,
      norm: { basis: 'relative', kind: 'min', factor: 1 / 6, baseIndicator: 'omvang' },
      margin: 0.1,
    });
    fc.assert(
      fc.property(fc.subarray(cohorts), fc.integer({ min: 1, max: 300 }), (delivered, size) => {
        const figures = [
          value('omvang', String(YEAR), size * 3),
          ...delivered.map((c) => value('omvang', String(YEAR), size, c)),
          ...cohorts.map((c) => value('uitstroom_cohort', month(1), 1, c)),
        ];
        const total = rowOf(rows([base, relative], figures, 1), 'uitstroom_cohort');
        if (delivered.length === cohorts.length) expect(total.expected).toBeCloseTo((size * 3) / 6 / 12, 9);
        else expect(total).toMatchObject({ status: 'no_data', expected: null, missingPeriods: [String(YEAR)] });
      }),
    );
  });
});

describe('a qualitative agreement is judged on its latest due quarter', () => {
  const kwal = indicator({
    code: 'kwal',
    kind: 'qualitative',
    frequency: 'Q',
    unit: null,
    norm: { basis: 'none', kind: 'qualitative' },
    margin: null,
  });
  const statusArb = fc.option(fc.constantFrom('on_track', 'attention', 'off_track' as const), { nil: null });

  it('shows that quarter status, else no_data naming that quarter; never an older or an early one', () => {
    fc.assert(
      fc.property(
        monthArb,
        fc.array(fc.record({ quarter: fc.integer({ min: 1, max: 4 }), status: statusArb }), { maxLength: 6 }),
        (m, marks) => {
          const assessments: Assessment[] = [];
          for (const mark of marks) {
            const period = `${YEAR}-Q${mark.quarter}`;
            if (assessments.some((a) => a.period === period)) continue;
            assessments.push({ indicator: 'kwal', period, status: mark.status, narrative: 'tekst', completedOn: null });
          }
          const row = rowOf(rows([kwal], [], m, assessments), 'kwal');
          const latest = duePeriods('Q', YEAR, m).at(-1);
          if (latest === undefined) {
            expect(row).toMatchObject({ status: 'not_due', missingPeriods: [] });
            return;
          }
          const own = assessments.find((a) => a.period === formatPeriod(latest));
          if (own?.status) expect(row).toMatchObject({ status: own.status, missingPeriods: [] });
          else expect(row).toMatchObject({ status: 'no_data', missingPeriods: [formatPeriod(latest)] });
        },
      ),
    );
  });
});

describe('frequency once: a single measurement, standing for the rest of the year', () => {
  const duePeriodArb = fc.oneof(
    fc.integer({ min: 1, max: 12 }).map(month),
    fc.integer({ min: 1, max: 4 }).map((q) => `${YEAR}-Q${q}`),
  );
  const mto = (duePeriod: string) =>
    indicator({
      code: 'mto',
      kind: 'ratio',
      frequency: 'once',
      duePeriod,
      unit: 'procent',
      aggregate: 'last',
      numeratorLabel: 'tevreden',
      denominatorLabel: 'deelnemers',
      norm: { basis: 'period', kind: 'min', value: 80 },
      margin: 5,
    });

  it('is not_due until its period ended, then judged on that figure, and no_data without it', () => {
    fc.assert(
      fc.property(
        monthArb,
        duePeriodArb,
        fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
        fc.integer({ min: 0, max: 100 }),
        (m, duePeriod, participants, sharePct) => {
          const ind = mto(duePeriod);
          const figures: FigureValue[] =
            participants === null
              ? []
              : [
                  {
                    indicator: 'mto',
                    period: duePeriod,
                    segment: null,
                    value: null,
                    numerator: Math.floor((participants * sharePct) / 100),
                    denominator: participants,
                  },
                ];
          // a figure for another period (the yearly one of the first reading) never counts
          figures.push({
            indicator: 'mto',
            period: String(YEAR),
            segment: null,
            value: null,
            numerator: 1,
            denominator: 1,
          });
          const row = rowOf(rows([ind], figures, m), 'mto');
          if (!isDue(parsePeriod(duePeriod)!, YEAR, m)) {
            expect(row).toMatchObject({ status: 'not_due', actual: null });
          } else if (participants === null) {
            expect(row).toMatchObject({ status: 'no_data', missingPeriods: [duePeriod] });
          } else {
            const actual = (100 * Math.floor((participants * sharePct) / 100)) / participants;
            expect(row.actual).toBeCloseTo(actual, 9);
            expect(row.status).toBe(actual >= 80 ? 'on_track' : actual >= 75 ? 'attention' : 'off_track');
            expect(row.forecast).toBeUndefined();
          }
        },
      ),
    );
  });
});

describe('a budget over more than one year is shown, never judged', () => {
  const kosten = indicator({
    code: 'groeien_oud_kosten',
    kind: 'flow',
    frequency: 'Q',
    unit: 'euro',
    norm: { basis: 'budget', kind: 'monitor', value: 157_000, firstYear: 2024, lastYear: 2025 },
    margin: null,
  });

  it('is monitor with the spending to date and the two-year budget, whatever was spent', () => {
    fc.assert(
      fc.property(
        monthArb,
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 4, maxLength: 4 }),
        (m, spent) => {
          const figures = spent.map((v, i) => value('groeien_oud_kosten', `${YEAR}-Q${i + 1}`, v));
          const row = rowOf(rows([kosten], figures, m), 'groeien_oud_kosten');
          const due = duePeriods('Q', YEAR, m).length;
          expect(row.status).toBe('monitor');
          expect(row.expected).toBeNull();
          expect(row.norm).toMatchObject({ basis: 'budget', value: 157_000, budgetYears: { first: 2024, last: 2025 } });
          expect(row.actual).toBe(due === 0 ? null : spent.slice(0, due).reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});
