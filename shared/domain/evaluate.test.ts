import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Indicator, IndicatorSchema } from '../contracts/catalogue.ts';
import type { Assessment, FigureValue } from '../contracts/figures.ts';
import type { StatusRow } from '../contracts/status.ts';
import {
  compareWithNorm,
  type EvaluateInput,
  evaluateDvo,
  marginBand,
  type NormBound,
  nearlyEqual,
  normToDate,
  pathFraction,
} from './evaluate.ts';
import { addDays, endOfMonth, formatPeriod, indicatorDuePeriods, indicatorPeriods } from './periods.ts';

// ---------------------------------------------------------------------------------------------
// Test catalogue: inline copies of rows of shared/spec/domain.md (not the fixture file).

const YEAR = 2024;

function indicator(fields: Record<string, unknown>): Indicator {
  return IndicatorSchema.parse({
    article: '0',
    chapter: 'Test',
    name: String(fields.code),
    source: { type: 'dvo', reference: `DVO art. ${fields.article ?? '0'}` },
    ...fields,
  });
}

const uitstroom = indicator({
  code: 'uitstroom',
  article: '7',
  kind: 'flow',
  frequency: 'M',
  unit: 'aantal',
  segments: ['matchen', 'groeien'],
  norm: { basis: 'annual', kind: 'min', value: 400 },
  margin: 0.1,
});
const beschut = indicator({
  code: 'beschut_dienstverbanden',
  article: '26',
  kind: 'stock',
  frequency: 'M',
  unit: 'aantal',
  norm: { basis: 'period', kind: 'range', min: 72, max: 129 },
  margin: 0.1,
});
const verzuim = indicator({
  code: 'wsw_verzuim',
  article: '5',
  kind: 'ratio',
  frequency: 'M',
  unit: 'procent',
  aggregate: 'sum',
  norm: { basis: 'period', kind: 'max', value: 14.7 },
  margin: 1,
  source: { type: 'benchmark', reference: 'Benchmark Cedris 2022', placeholder: true },
});
const omvang = indicator({
  code: 'groeien_zittend_omvang',
  article: '14',
  kind: 'stock',
  frequency: 'Y',
  unit: 'aantal',
  segments: ['cohort_2021', 'cohort_2022', 'cohort_2023'],
  norm: { basis: 'none', kind: 'monitor' },
  margin: null,
});
const zittendUitstroom = indicator({
  code: 'groeien_zittend_uitstroom',
  article: '14',
  kind: 'flow',
  frequency: 'M',
  unit: 'aantal',
  segments: ['cohort_2021', 'cohort_2022', 'cohort_2023'],
  normPerSegment: true,
  norm: { basis: 'relative', kind: 'min', factor: 1 / 6, baseIndicator: 'groeien_zittend_omvang' },
  margin: 0.1,
});
const deelsuccessen = indicator({
  code: 'deelsuccessen',
  article: '8',
  kind: 'flow',
  frequency: 'M',
  unit: 'aantal',
  norm: { basis: 'none', kind: 'monitor' },
  margin: null,
});
const lksNieuw = indicator({
  code: 'lks_nieuw',
  article: '18',
  kind: 'flow',
  frequency: 'M',
  unit: 'aantal',
  norm: { basis: 'annual', kind: 'min', value: 40 },
  margin: 0.1,
});
const lksCirculus = indicator({
  code: 'lks_circulus',
  article: '19',
  kind: 'flow',
  frequency: 'Q',
  unit: 'aantal',
  norm: { basis: 'annual', kind: 'min', value: 10 },
  margin: 0.1,
});
const lksBehoud = indicator({
  code: 'lks_behoud',
  article: '18',
  kind: 'stock',
  frequency: 'Q',
  unit: 'aantal',
  norm: { basis: 'period', kind: 'min', value: 250 },
  margin: 0.1,
});
const werkladderExtern = indicator({
  code: 'wsw_werkladder_extern',
  article: '1',
  kind: 'ratio',
  frequency: 'Q',
  unit: 'procent',
  aggregate: 'last',
  norm: { basis: 'period', kind: 'min', value: 43 },
  margin: 5,
  source: { type: 'benchmark', reference: 'Cedris Werkladder benchmark 2022', placeholder: true },
});
const persoonlijkPlan = indicator({
  code: 'wsw_persoonlijk_plan',
  article: '2',
  kind: 'ratio',
  frequency: 'Q',
  unit: 'procent',
  aggregate: 'last',
  norm: { basis: 'period', kind: 'min', value: 90 },
  margin: 5,
});
const mtoTevreden = indicator({
  code: 'wsw_mto_tevreden',
  article: '6',
  kind: 'ratio',
  frequency: 'Y',
  unit: 'procent',
  aggregate: 'sum',
  norm: { basis: 'period', kind: 'min', value: 80 },
  margin: 5,
});
const clientkostenOntwikkeling = indicator({
  code: 'clientkosten_ontwikkeling',
  article: '34',
  kind: 'ratio',
  frequency: 'Q',
  unit: 'procent',
  aggregate: 'sum',
  norm: { basis: 'period', kind: 'min', value: 90 },
  margin: 5,
});
const klanttevredenheid = indicator({
  code: 'klanttevredenheid',
  article: '45',
  kind: 'score',
  frequency: 'Y',
  unit: 'cijfer',
  norm: { basis: 'period', kind: 'min', value: 7 },
  margin: 0.5,
});
const bekonnected = indicator({
  code: 'bekonnected_deelnemers',
  article: '13',
  kind: 'stock',
  frequency: 'M',
  unit: 'aantal',
  norm: { basis: 'period', kind: 'max', value: 15 },
  margin: 0.1,
});
const aanvragers = indicator({
  code: 'aanvragers_basisdienstverlening',
  article: '35',
  kind: 'flow',
  frequency: 'M',
  unit: 'aantal',
  norm: { basis: 'annual', kind: 'max', value: 1000 },
  margin: 0.1,
});
const werkleerroutesOperationeel = indicator({
  code: 'werkleerroutes_operationeel',
  article: '36',
  kind: 'stock',
  frequency: 'Q',
  unit: 'aantal',
  norm: { basis: 'period', kind: 'min', value: 6 },
  margin: 0,
});
const pvaFormat = indicator({
  code: 'mijlpaal_pva_format',
  article: '9',
  kind: 'milestone',
  frequency: 'Y',
  unit: null,
  norm: { basis: 'deadline', kind: 'milestone', deadline: '2024-03-31' },
  margin: null,
});
const marktwerkingsplan = indicator({
  code: 'mijlpaal_marktwerkingsplan',
  article: '41',
  kind: 'milestone',
  frequency: 'Y',
  unit: null,
  norm: { basis: 'deadline', kind: 'milestone', deadline: null },
  margin: null,
});
const groeienOudRapportage = indicator({
  code: 'mijlpaal_groeien_oud_rapportage',
  article: '10',
  kind: 'milestone',
  frequency: 'Q',
  unit: null,
  norm: { basis: 'deadline', kind: 'milestone', deadline: null, recurring: 'quarterly', daysAfterQuarterEnd: 14 },
  margin: null,
});
const werkstap = indicator({
  code: 'kwal_werkstap_methodiek',
  article: '3',
  kind: 'qualitative',
  frequency: 'Q',
  unit: null,
  norm: { basis: 'none', kind: 'qualitative' },
  margin: null,
});

// ---------------------------------------------------------------------------------------------
// Helpers

function fig(ind: Indicator, period: string, value: number, segment: string | null = null): FigureValue {
  return { indicator: ind.code, period, segment, value, numerator: null, denominator: null };
}

function ratio(ind: Indicator, period: string, numerator: number, denominator: number, segment: string | null = null) {
  return { indicator: ind.code, period, segment, value: null, numerator, denominator } satisfies FigureValue;
}

function month(m: number): string {
  return `${YEAR}-${String(m).padStart(2, '0')}`;
}

/** One figure per month from a list of twelve (null = not delivered). */
function monthly(ind: Indicator, values: readonly (number | null)[], segment: string | null = null): FigureValue[] {
  return values.flatMap((v, i) => (v === null ? [] : [fig(ind, month(i + 1), v, segment)]));
}

function evaluate(
  indicators: Indicator[],
  figures: FigureValue[],
  m: number,
  extra: Partial<EvaluateInput> = {},
): StatusRow[] {
  return evaluateDvo({ year: YEAR, month: m, indicators, figures, assessments: [], ...extra });
}

function rowOf(rows: StatusRow[], ind: Indicator, segment: string | null = null): StatusRow {
  const row = rows.find((r) => r.indicator === ind.code && r.segment === segment);
  if (!row) throw new Error(`no row ${ind.code}/${segment}`);
  return row;
}

function evaluateOne(ind: Indicator, figures: FigureValue[], m: number, extra: Partial<EvaluateInput> = {}) {
  return rowOf(evaluate([ind], figures, m, extra), ind);
}

const RANK = { off_track: 0, attention: 1, on_track: 2 } as const;

// ---------------------------------------------------------------------------------------------

describe('compareWithNorm: status at the boundaries', () => {
  const min100: NormBound = { kind: 'min', value: 100 };
  const max15: NormBound = { kind: 'max', value: 15 };
  const range: NormBound = { kind: 'range', min: 72, max: 129 };
  it.each([
    // min, relative margin 10%: band 90..100
    ['min aantal: exactly at the norm', 100, min100, 0.1, 'aantal', 'on_track'],
    ['min aantal: just under the norm', 99.99, min100, 0.1, 'aantal', 'attention'],
    ['min aantal: exactly at the margin', 90, min100, 0.1, 'aantal', 'attention'],
    ['min aantal: just beyond the margin', 89.99, min100, 0.1, 'aantal', 'off_track'],
    ['min euro reads the margin as a fraction too', 95, { kind: 'min', value: 100 }, 0.05, 'euro', 'attention'],
    ['min fte: 5% under is still attention', 94.99, { kind: 'min', value: 100 }, 0.05, 'fte', 'off_track'],
    // min, margin in percentage points: band 85..90
    ['min procent: exactly at the norm', 90, { kind: 'min', value: 90 }, 5, 'procent', 'on_track'],
    ['min procent: exactly 5 pp under', 85, { kind: 'min', value: 90 }, 5, 'procent', 'attention'],
    ['min procent: beyond 5 pp', 84.99, { kind: 'min', value: 90 }, 5, 'procent', 'off_track'],
    // cijfer: points
    ['min cijfer: exactly 0.5 under', 6.5, { kind: 'min', value: 7 }, 0.5, 'cijfer', 'attention'],
    ['min cijfer: beyond 0.5', 6.49, { kind: 'min', value: 7 }, 0.5, 'cijfer', 'off_track'],
    // max
    ['max aantal: exactly at the norm', 15, max15, 0.1, 'aantal', 'on_track'],
    ['max aantal: under the norm', 3, max15, 0.1, 'aantal', 'on_track'],
    ['max aantal: exactly at the margin (15 × 1.1)', 16.5, max15, 0.1, 'aantal', 'attention'],
    ['max aantal: beyond the margin', 16.51, max15, 0.1, 'aantal', 'off_track'],
    ['max procent: exactly 1 pp over', 15.7, { kind: 'max', value: 14.7 }, 1, 'procent', 'attention'],
    ['max procent: beyond 1 pp', 15.71, { kind: 'max', value: 14.7 }, 1, 'procent', 'off_track'],
    // range 72..129, margin 10%: 64.8 .. 141.9
    ['range: at the lower bound', 72, range, 0.1, 'aantal', 'on_track'],
    ['range: at the upper bound', 129, range, 0.1, 'aantal', 'on_track'],
    ['range: just under the lower bound', 71.99, range, 0.1, 'aantal', 'attention'],
    ['range: at the lower margin', 64.8, range, 0.1, 'aantal', 'attention'],
    ['range: beyond the lower margin', 64.79, range, 0.1, 'aantal', 'off_track'],
    ['range: just over the upper bound', 129.01, range, 0.1, 'aantal', 'attention'],
    ['range: at the upper margin', 141.9, range, 0.1, 'aantal', 'attention'],
    ['range: beyond the upper margin', 141.91, range, 0.1, 'aantal', 'off_track'],
    // margin 0 (werkleerroutes_operationeel): any miss is off track
    ['margin 0: at the norm', 6, { kind: 'min', value: 6 }, 0, 'aantal', 'on_track'],
    ['margin 0: just under', 5.99, { kind: 'min', value: 6 }, 0, 'aantal', 'off_track'],
    // equality within a relative 1e-9: 0.7 + 0.1 = 0.7999999999999999 meets 0.8
    ['float noise under a minimum counts as met', 0.7 + 0.1, { kind: 'min', value: 0.8 }, 0, 'aantal', 'on_track'],
    ['float noise over a maximum counts as met', 0.1 + 0.2, { kind: 'max', value: 0.3 }, 0, 'aantal', 'on_track'],
    ['a real miss of 1e-8 is not noise', 1 - 1e-8, { kind: 'min', value: 1 }, 0, 'aantal', 'off_track'],
  ] as const)('%s', (_name, actual, bound, margin, unit, status) => {
    expect(compareWithNorm(actual, bound, margin, unit).status).toBe(status);
  });

  it('gives the edges of the attention band for charts', () => {
    expect(marginBand(min100, 0.1, 'aantal')).toEqual({ marginLow: 90, marginHigh: null });
    expect(marginBand({ kind: 'max', value: 14.7 }, 1, 'procent')).toEqual({ marginLow: null, marginHigh: 15.7 });
    const band = marginBand(range, 0.1, 'aantal');
    expect(band.marginLow).toBeCloseTo(64.8, 9);
    expect(band.marginHigh).toBeCloseTo(141.9, 9);
  });

  it('treats values within a relative 1e-9 as equal, and no further', () => {
    expect(nearlyEqual(1, 1 + 1e-10)).toBe(true);
    expect(nearlyEqual(1e6, 1e6 + 1e-4)).toBe(true);
    expect(nearlyEqual(1, 1 + 1e-8)).toBe(false);
    expect(nearlyEqual(0, 1e-20)).toBe(false);
    expect(nearlyEqual(0, 0)).toBe(true);
  });
});

describe('pathFraction and normToDate', () => {
  it.each([
    ['M', 1, 1 / 12],
    ['M', 6, 0.5],
    ['M', 12, 1],
    ['Q', 1, 0],
    ['Q', 2, 0],
    ['Q', 3, 0.25],
    ['Q', 8, 0.5],
    ['Y', 11, 0],
    ['Y', 12, 1],
  ] as const)('frequency %s at month %i reaches %d of the year', (frequency, m, f) => {
    expect(pathFraction(frequency, m)).toBe(f);
  });

  const weights = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]; // Σ = 18
  it('follows monthly weights instead of the linear path', () => {
    expect(pathFraction('M', 6, weights)).toBeCloseTo(6 / 18, 12);
    expect(pathFraction('M', 9, weights)).toBeCloseTo(12 / 18, 12);
    // a quarterly flow in August: weights up to the end of Q2 = 6 of 18
    expect(pathFraction('Q', 8, weights)).toBeCloseTo(6 / 18, 12);
    expect(pathFraction('M', 1, [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toBe(0);
  });

  it('scales an annual norm to date and leaves a period norm alone', () => {
    expect(normToDate(uitstroom, 6)).toEqual({ kind: 'min', value: 200 });
    expect(normToDate(lksCirculus, 2)).toEqual({ kind: 'min', value: 0 });
    expect(normToDate(beschut, 3)).toEqual({ kind: 'range', min: 72, max: 129 });
    expect(normToDate(verzuim, 3)).toEqual({ kind: 'max', value: 14.7 });
    expect(normToDate(zittendUitstroom, 6, { base: null })).toBeNull();
    // 1/6 × 72 × 6/12
    expect(normToDate(zittendUitstroom, 6, { base: 72 })).toEqual({ kind: 'min', value: 6 });
  });
});

describe('actual and missing data', () => {
  it('sums a flow over the due months, from segments when no total is given', () => {
    const figures = [fig(uitstroom, '2024-01', 20, 'matchen'), fig(uitstroom, '2024-01', 10, 'groeien')];
    figures.push(fig(uitstroom, '2024-02', 25));
    const row = evaluateOne(uitstroom, figures, 2);
    expect(row.actual).toBe(55);
    expect(row.missingPeriods).toEqual([]);
  });

  it('lets a total win over its segments', () => {
    const figures = [fig(uitstroom, '2024-01', 20, 'matchen'), fig(uitstroom, '2024-01', 30)];
    expect(evaluateOne(uitstroom, figures, 1).actual).toBe(30);
  });

  // corrected reading (interface.md §5): a month with only some segments is missing, not a shortfall
  it('counts a month delivered for only one of its segments as missing, not as a shortfall', () => {
    const row = evaluateOne(uitstroom, [fig(uitstroom, '2024-01', 34, 'groeien')], 1);
    expect(row).toMatchObject({ status: 'no_data', actual: null, missingPeriods: ['2024-01'] });
    const both = evaluateOne(
      uitstroom,
      [fig(uitstroom, '2024-01', 34, 'groeien'), fig(uitstroom, '2024-01', 0, 'matchen')],
      1,
    );
    expect(both).toMatchObject({ status: 'on_track', actual: 34 });
  });

  it('gives no_data and names the missing month when a flow misses one', () => {
    const row = evaluateOne(uitstroom, monthly(uitstroom, [40, null, 40]), 3);
    expect(row.status).toBe('no_data');
    expect(row.actual).toBeNull();
    expect(row.expected).toBe(100);
    expect(row.missingPeriods).toEqual(['2024-02']);
    expect(row.forecast).toBeUndefined();
  });

  it('ignores figures of later months and other years', () => {
    const figures = [...monthly(uitstroom, [40, 40, 40]), fig(uitstroom, '2023-01', 1000)];
    expect(evaluateOne(uitstroom, figures, 2).actual).toBe(80);
  });

  it('does not judge a quarterly flow in the middle of its first quarter', () => {
    const row = evaluateOne(lksCirculus, [], 2);
    expect(row.status).toBe('not_due');
    expect(row.missingPeriods).toEqual([]);
    expect(row.actual).toBeNull();
  });

  it('judges a quarterly flow once the quarter has ended', () => {
    expect(evaluateOne(lksCirculus, [], 3)).toMatchObject({ status: 'no_data', missingPeriods: ['2024-Q1'] });
    // 10/yr × 1/4 = 2.5; 3 ≥ 2.5
    expect(evaluateOne(lksCirculus, [fig(lksCirculus, '2024-Q1', 3)], 3)).toMatchObject({
      status: 'on_track',
      actual: 3,
      expected: 2.5,
    });
  });

  it('does not judge a yearly figure before December, even when it was delivered early', () => {
    const figures = [fig(klanttevredenheid, '2024', 8)];
    expect(evaluateOne(klanttevredenheid, figures, 11)).toMatchObject({ status: 'not_due', actual: null });
    expect(evaluateOne(mtoTevreden, [ratio(mtoTevreden, '2024', 90, 100)], 11).status).toBe('not_due');
    expect(evaluateOne(klanttevredenheid, figures, 12)).toMatchObject({ status: 'on_track', actual: 8 });
    expect(evaluateOne(klanttevredenheid, [], 12)).toMatchObject({ status: 'no_data', missingPeriods: ['2024'] });
  });

  it('takes the latest due period for a stock and needs only that one', () => {
    const onlyQ2 = [fig(lksBehoud, '2024-Q2', 260), fig(lksBehoud, '2024-Q3', 100)];
    expect(evaluateOne(lksBehoud, onlyQ2, 8)).toMatchObject({ status: 'on_track', actual: 260, missingPeriods: [] });
    const onlyQ1 = [fig(lksBehoud, '2024-Q1', 260)];
    expect(evaluateOne(lksBehoud, onlyQ1, 8)).toMatchObject({
      status: 'no_data',
      actual: null,
      missingPeriods: ['2024-Q2'],
    });
  });

  it('sums numerators and denominators of a summed ratio over the year', () => {
    const figures = [
      ratio(clientkostenOntwikkeling, '2024-Q1', 80, 100),
      ratio(clientkostenOntwikkeling, '2024-Q2', 100, 100),
    ];
    // 100 × 180/200 = 90: exactly at the norm
    expect(evaluateOne(clientkostenOntwikkeling, figures, 6)).toMatchObject({ status: 'on_track', actual: 90 });
  });

  it.each([
    // min 90%, margin 5 pp: attention from 85
    [90, 'on_track'],
    [85, 'attention'],
    [84, 'off_track'],
  ] as const)('wsw_persoonlijk_plan at %i%% is %s (margin in points)', (pct, status) => {
    const row = evaluateOne(persoonlijkPlan, [ratio(persoonlijkPlan, '2024-Q1', pct, 100)], 3);
    expect(row).toMatchObject({ status, actual: pct, expected: 90, marginLow: 85 });
  });

  it('takes only the latest due period of a last-ratio', () => {
    const figures = [ratio(werkladderExtern, '2024-Q1', 40, 100), ratio(werkladderExtern, '2024-Q2', 50, 100)];
    expect(evaluateOne(werkladderExtern, figures, 6)).toMatchObject({ status: 'on_track', actual: 50 });
    expect(evaluateOne(werkladderExtern, figures.slice(1), 6).status).toBe('on_track');
    expect(evaluateOne(werkladderExtern, figures.slice(0, 1), 6)).toMatchObject({
      status: 'no_data',
      missingPeriods: ['2024-Q2'],
    });
  });

  it('builds a total ratio from its segments when no total is given', () => {
    const segmented = indicator({ ...clientkostenOntwikkeling, code: 'r', segments: ['a', 'b'] });
    const figures = [ratio(segmented, '2024-Q1', 30, 40, 'a'), ratio(segmented, '2024-Q1', 60, 60, 'b')];
    expect(evaluateOne(segmented, figures, 3).actual).toBe(90);
  });

  it('lets a period with denominator 0 count as delivered but add nothing', () => {
    const figures = [
      ratio(clientkostenOntwikkeling, '2024-Q1', 0, 0),
      ratio(clientkostenOntwikkeling, '2024-Q2', 9, 10),
    ];
    expect(evaluateOne(clientkostenOntwikkeling, figures, 6)).toMatchObject({ status: 'on_track', actual: 90 });
  });

  it('gives no_data without missing periods when every denominator is 0', () => {
    const sum = evaluateOne(clientkostenOntwikkeling, [ratio(clientkostenOntwikkeling, '2024-Q1', 0, 0)], 3);
    expect(sum).toMatchObject({ status: 'no_data', actual: null, missingPeriods: [], expected: 90 });
    const last = evaluateOne(werkladderExtern, [ratio(werkladderExtern, '2024-Q1', 0, 0)], 3);
    expect(last).toMatchObject({ status: 'no_data', actual: null, missingPeriods: [] });
  });
});

describe('annual norms on the pro-rata path', () => {
  it.each([
    // lks_nieuw min 40/yr at March: expected 10, attention band 9..10
    [10, 'on_track'],
    [9, 'attention'],
    [8, 'off_track'],
  ] as const)('lks_nieuw with %i by March is %s', (total, status) => {
    const row = evaluateOne(
      lksNieuw,
      [fig(lksNieuw, '2024-01', 0), fig(lksNieuw, '2024-02', 0), fig(lksNieuw, '2024-03', total)],
      3,
    );
    expect(row.status).toBe(status);
    expect(row.expected).toBe(10);
    expect(row.marginLow).toBe(9);
    expect(row.marginHigh).toBeNull();
  });

  it('forecasts a quarterly flow and judges the forecast against the full year', () => {
    // 10/yr, June: f = 2/4; actual 4 < 4.5 (5 × 0.9); forecast 4 / 0.5 = 8 < 9
    const row = evaluateOne(lksCirculus, [fig(lksCirculus, '2024-Q1', 2), fig(lksCirculus, '2024-Q2', 2)], 6);
    expect(row).toMatchObject({
      status: 'off_track',
      actual: 4,
      expected: 5,
      forecast: 8,
      forecastStatus: 'off_track',
    });
  });

  it('judges a maximum per year on the same path', () => {
    // 1000/yr, June: expected 500, band up to 550; forecast 540 × 2 = 1080 ≤ 1100
    const row = evaluateOne(aanvragers, monthly(aanvragers, [90, 90, 90, 90, 90, 90]), 6);
    expect(row).toMatchObject({ status: 'attention', actual: 540, expected: 500, marginHigh: 550 });
    expect(row.forecast).toBe(1080);
    expect(row.forecastStatus).toBe('attention');
    const over = evaluateOne(aanvragers, monthly(aanvragers, [100, 100, 100, 100, 100, 51]), 6);
    expect(over).toMatchObject({ status: 'off_track', actual: 551, forecastStatus: 'off_track' });
    const under = evaluateOne(aanvragers, monthly(aanvragers, [80, 80, 80, 80, 80, 80]), 6);
    expect(under).toMatchObject({ status: 'on_track', forecastStatus: 'on_track' });
  });

  it('follows monthly weights', () => {
    const weighted = indicator({
      ...uitstroom,
      norm: { basis: 'annual', kind: 'min', value: 360, weights: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2] },
    });
    // June: f = 6/18; expected 360 × 6/18 = 120; 110 ≥ 108 → attention; forecast 110 × 3 = 330 ≥ 324
    const june = evaluateOne(weighted, monthly(weighted, [20, 20, 20, 20, 20, 10]), 6);
    expect(june.expected).toBeCloseTo(120, 9);
    expect(june.status).toBe('attention');
    expect(june.forecast).toBeCloseTo(330, 9);
    expect(june.forecastStatus).toBe('attention');
    // July: f = 8/18; expected 160; 160 exactly → on_track
    const july = evaluateOne(weighted, monthly(weighted, [20, 20, 20, 20, 20, 20, 40]), 7);
    expect(july.expected).toBeCloseTo(160, 9);
    expect(july.status).toBe('on_track');
  });

  it('gives no forecast while the path is still at 0', () => {
    const weighted = indicator({
      ...lksNieuw,
      norm: { basis: 'annual', kind: 'min', value: 40, weights: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
    });
    const row = evaluateOne(weighted, [fig(weighted, '2024-01', 0)], 1);
    expect(row).toMatchObject({ status: 'on_track', expected: 0 });
    expect(row.forecast).toBeUndefined();
    expect(row.forecastStatus).toBeUndefined();
  });

  it('turns any miss of a stock with margin 0 into off_track', () => {
    const six = evaluateOne(werkleerroutesOperationeel, [fig(werkleerroutesOperationeel, '2024-Q1', 6)], 3);
    expect(six.status).toBe('on_track');
    const five = evaluateOne(werkleerroutesOperationeel, [fig(werkleerroutesOperationeel, '2024-Q1', 5)], 3);
    expect(five).toMatchObject({ status: 'off_track', marginLow: 6 });
  });

  it('gives no forecast for a period norm', () => {
    const row = evaluateOne(bekonnected, [fig(bekonnected, '2024-01', 10)], 1);
    expect(row.forecast).toBeUndefined();
    expect(row.status).toBe('on_track');
  });

  it('judges a total against the sum of per-segment annual norms', () => {
    const perSegment = indicator({
      ...lksNieuw,
      code: 'per_segment',
      segments: ['a', 'b'],
      normPerSegment: true,
      norm: { basis: 'annual', kind: 'min', value: 12 },
    });
    const rows = evaluate(
      [perSegment],
      [...monthly(perSegment, [1, 1, 1], 'a'), ...monthly(perSegment, [0, 0, 0], 'b')],
      3,
    );
    expect(rows.map((r) => [r.segment, r.status, r.actual, r.expected, r.norm.value])).toEqual([
      [null, 'off_track', 3, 6, 24],
      ['a', 'on_track', 3, 3, 12],
      ['b', 'off_track', 0, 3, 12],
    ]);
  });
});

describe('relative norms (art. 14)', () => {
  const base = [
    fig(omvang, '2024', 72, 'cohort_2021'),
    fig(omvang, '2024', 60, 'cohort_2022'),
    fig(omvang, '2024', 48, 'cohort_2023'),
  ];
  const catalogue = [omvang, zittendUitstroom];

  it('uses a yearly base delivered before it is due, per segment and in total', () => {
    const figures = [
      ...base,
      fig(zittendUitstroom, '2024-01', 1, 'cohort_2021'),
      fig(zittendUitstroom, '2024-01', 0, 'cohort_2022'),
      fig(zittendUitstroom, '2024-01', 1, 'cohort_2023'),
    ];
    const rows = evaluate(catalogue, figures, 1);
    // 72 × 1/6 × 1/12 = 1 exactly at the norm
    expect(rowOf(rows, zittendUitstroom, 'cohort_2021')).toMatchObject({ status: 'on_track', actual: 1 });
    expect(rowOf(rows, zittendUitstroom, 'cohort_2021').expected).toBeCloseTo(1, 12);
    // 60 × 1/6 × 1/12 = 0.8333; 0 → off_track
    expect(rowOf(rows, zittendUitstroom, 'cohort_2022').status).toBe('off_track');
    // 48 × 1/6 × 1/12 = 0.6667; 1 → on_track
    expect(rowOf(rows, zittendUitstroom, 'cohort_2023').status).toBe('on_track');
    // total: 180 × 1/6 × 1/12 = 2.5, band 2.25; actual 2 → off_track
    const total = rowOf(rows, zittendUitstroom);
    expect(total.expected).toBeCloseTo(2.5, 12);
    expect(total).toMatchObject({ status: 'off_track', actual: 2 });
    expect(total.norm).toMatchObject({ kind: 'min', basis: 'relative', baseIndicator: 'groeien_zittend_omvang' });
    expect(total.norm.factor).toBeCloseTo(1 / 6, 15);
    expect(total.norm.value).toBeCloseTo(30, 12);
    // the base itself is a yearly monitor stock: not due before December
    expect(rowOf(rows, omvang)).toMatchObject({ status: 'monitor', actual: null, missingPeriods: [] });
  });

  it('gives no_data naming the base period when the base was not delivered', () => {
    const rows = evaluate(catalogue, monthly(zittendUitstroom, [1, 1], 'cohort_2021'), 2);
    const row = rowOf(rows, zittendUitstroom, 'cohort_2021');
    expect(row).toMatchObject({ status: 'no_data', actual: 2, expected: null, missingPeriods: ['2024'] });
    expect(row.norm.value).toBeUndefined();
    expect(rowOf(rows, zittendUitstroom, 'cohort_2022')).toMatchObject({
      status: 'no_data',
      missingPeriods: ['2024-01', '2024-02', '2024'],
    });
  });

  // corrected reading (interface.md §5): the total row of a per-segment norm needs every segment's base
  it('gives the total row no norm when only the base total was delivered, naming the base it misses', () => {
    const figures = [
      fig(omvang, '2024', 120),
      fig(zittendUitstroom, '2024-01', 2),
      fig(zittendUitstroom, '2024-02', 2),
    ];
    const rows = evaluate(catalogue, figures, 2);
    expect(rowOf(rows, zittendUitstroom)).toMatchObject({ status: 'no_data', actual: 4, expected: null });
    expect(rowOf(rows, zittendUitstroom).missingPeriods).toEqual(['2024']);
    expect(rowOf(rows, zittendUitstroom, 'cohort_2021').missingPeriods).toEqual(['2024-01', '2024-02', '2024']);
  });

  it('judges a relative stock norm at the period without a pro-rata path', () => {
    const capacity = indicator({
      ...bekonnected,
      code: 'capaciteit',
      norm: { basis: 'period', kind: 'max', value: 1 },
    });
    const relative = indicator({
      ...bekonnected,
      code: 'bezetting',
      norm: { basis: 'relative', kind: 'max', factor: 0.5, baseIndicator: 'capaciteit' },
    });
    const rows = evaluate([capacity, relative], [fig(capacity, '2024-01', 20), fig(relative, '2024-03', 11)], 3);
    // base = latest delivered capacity 20; max 10, band up to 11 → attention
    expect(rowOf(rows, relative)).toMatchObject({ status: 'attention', actual: 11, expected: 10 });
    expect(rowOf(rows, relative).forecast).toBeUndefined();
  });
});

describe('monitor indicators', () => {
  it('report the actual without judging it', () => {
    const row = evaluateOne(deelsuccessen, monthly(deelsuccessen, [3, 4]), 2);
    expect(row).toMatchObject({ status: 'monitor', actual: 7, expected: null, missingPeriods: [] });
    expect(row.norm).toEqual({ kind: 'monitor', basis: 'none', source: 'DVO art. 8', placeholder: false });
  });

  it('list what is missing but stay monitor', () => {
    const row = evaluateOne(deelsuccessen, monthly(deelsuccessen, [3, null]), 2);
    expect(row).toMatchObject({ status: 'monitor', actual: null, missingPeriods: ['2024-02'] });
  });
});

describe('norm view', () => {
  it('names the source and marks a placeholder value', () => {
    const row = evaluateOne(verzuim, [], 1);
    expect(row.norm).toEqual({
      kind: 'max',
      basis: 'period',
      value: 14.7,
      source: 'Benchmark Cedris 2022 (voorlopige waarde)',
      placeholder: true,
    });
    expect(evaluateOne(beschut, [], 1).norm).toEqual({
      kind: 'range',
      basis: 'period',
      min: 72,
      max: 129,
      source: 'DVO art. 26',
      placeholder: false,
    });
    expect(evaluateOne(uitstroom, [], 1).norm).toMatchObject({ kind: 'min', basis: 'annual', value: 400 });
  });

  it('shows the lower bound of a range as expected, with the band around both bounds', () => {
    const row = evaluateOne(beschut, [fig(beschut, '2024-01', 100)], 1);
    expect(row).toMatchObject({ expected: 72, status: 'on_track' });
    expect(row.marginLow).toBeCloseTo(64.8, 9);
    expect(row.marginHigh).toBeCloseTo(141.9, 9);
  });
});

describe('milestones', () => {
  const done = (
    ind: Indicator,
    period: string,
    completedOn: string | null,
    narrative: string | null = null,
  ): Assessment => ({
    indicator: ind.code,
    period,
    status: null,
    narrative,
    completedOn,
  });

  it.each([
    // [month, completedOn, today, status]
    [2, null, undefined, 'not_due'],
    [3, null, undefined, 'off_track'],
    [3, null, '2024-03-15', 'not_due'],
    [3, null, '2024-03-31', 'not_due'],
    [3, null, '2024-04-01', 'off_track'],
    [3, '2024-03-20', undefined, 'on_track'],
    [3, '2024-03-31', undefined, 'on_track'],
    [2, '2024-03-20', undefined, 'not_due'],
    [3, '2024-03-20', '2024-03-19', 'not_due'],
    [3, '2024-04-10', undefined, 'off_track'],
    [4, '2024-04-10', undefined, 'off_track'],
    [12, '2024-03-01', undefined, 'on_track'],
  ] as const)('deadline 31 March, month %i, done %s, today %s: %s', (m, completedOn, today, status) => {
    const assessments = completedOn ? [done(pvaFormat, '2024', completedOn, 'Format aangepast')] : [];
    const row = evaluateOne(pvaFormat, [], m, { assessments, ...(today ? { today } : {}) });
    expect(row.status).toBe(status);
    expect(row.norm).toMatchObject({ kind: 'milestone', basis: 'deadline', deadline: '2024-03-31' });
    expect(row.actual).toBeNull();
  });

  it('shows when a late milestone was done', () => {
    const row = evaluateOne(pvaFormat, [], 4, { assessments: [done(pvaFormat, '2024', '2024-04-10', 'Te laat')] });
    expect(row).toMatchObject({ status: 'off_track', completedOn: '2024-04-10', narrative: 'Te laat' });
  });

  it('monitors a milestone without a date until it is done', () => {
    expect(evaluateOne(marktwerkingsplan, [], 6).status).toBe('monitor');
    const assessments = [done(marktwerkingsplan, '2024', '2024-05-01')];
    expect(evaluateOne(marktwerkingsplan, [], 6, { assessments })).toMatchObject({
      status: 'on_track',
      completedOn: '2024-05-01',
    });
    expect(evaluateOne(marktwerkingsplan, [], 4, { assessments }).status).toBe('monitor');
  });

  it.each([
    // Q1 report due 2024-04-14, Q2 2024-07-14, Q3 2024-10-14, Q4 2025-01-14
    [3, [], undefined, 'not_due', '2024-04-14'],
    [4, [], undefined, 'off_track', '2024-04-14'],
    [4, [], '2024-04-14', 'not_due', '2024-04-14'],
    [4, [['2024-Q1', '2024-04-12']], undefined, 'on_track', '2024-04-14'],
    [4, [['2024-Q1', '2024-04-14']], undefined, 'on_track', '2024-04-14'],
    [4, [['2024-Q1', '2024-04-15']], undefined, 'off_track', '2024-04-14'],
    [6, [['2024-Q1', '2024-04-12']], undefined, 'on_track', '2024-04-14'],
    [7, [['2024-Q1', '2024-04-12']], undefined, 'off_track', '2024-07-14'],
    [
      12,
      [
        ['2024-Q2', '2024-07-01'],
        ['2024-Q3', '2024-10-10'],
      ],
      undefined,
      'on_track',
      '2024-10-14',
    ],
    // corrected reading: the Q4 report is due 14 January of the next year and judged then, in December's year view
    [12, [['2024-Q3', '2024-10-10']], '2025-01-14', 'on_track', '2024-10-14'],
    [12, [['2024-Q3', '2024-10-10']], '2025-01-15', 'off_track', '2025-01-14'],
    [
      12,
      [
        ['2024-Q3', '2024-10-10'],
        ['2024-Q4', '2025-01-13'],
      ],
      '2025-02-01',
      'on_track',
      '2025-01-14',
    ],
  ] as const)('quarterly report at month %i with %j, today %s: %s (due %s)', (m, reports, today, status, deadline) => {
    const assessments = reports.map(([period, on]) => done(groeienOudRapportage, period, on));
    const row = evaluateOne(groeienOudRapportage, [], m, { assessments, ...(today ? { today } : {}) });
    expect(row.status).toBe(status);
    expect(row.norm.deadline).toBe(deadline);
  });
});

describe('today only matters while the month is not over (December: until the reports due in January)', () => {
  // the status cache keys a month that has ended without the day (server/core/evaluation/evaluation.ts)
  const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2024-01-01', n));
  const milestones = [pvaFormat, marktwerkingsplan, groeienOudRapportage];
  const reportPeriods = ['2024', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'];

  it('gives the same rows for every today after the end of the month, and the same as without today', () => {
    fc.assert(
      fc.property(
        monthArb,
        fc.array(
          fc.record({ ind: fc.constantFrom(...milestones), period: fc.constantFrom(...reportPeriods), on: day }),
          {
            maxLength: 6,
          },
        ),
        // the day right after the end most often: where a `<` against a `<=` would show
        fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 500 })),
        fc.integer({ min: 0, max: 500 }),
        (m, done, after1, after2) => {
          const assessments: Assessment[] = done.map((d) => ({
            indicator: d.ind.code,
            period: d.ind.code === groeienOudRapportage.code ? d.period : '2024',
            status: null,
            narrative: null,
            completedOn: d.on,
          }));
          // December's view waits for the Q4 report, due 14 January of the next year
          const end = m === 12 ? addDays(endOfMonth(YEAR, 12), 14) : endOfMonth(YEAR, m);
          const at = (today?: string) => evaluate(milestones, [], m, { assessments, ...(today ? { today } : {}) });
          const first = at(addDays(end, after1));
          expect(at(addDays(end, after1 + after2))).toEqual(first);
          if (m < 12) expect(at()).toEqual(first);
        },
      ),
    );
  });
});

describe('qualitative agreements', () => {
  const assess = (period: string, status: Assessment['status'], narrative: string | null): Assessment => ({
    indicator: werkstap.code,
    period,
    status,
    narrative,
    completedOn: null,
  });
  const assessments = [
    assess('2024-Q1', 'on_track', 'Methodiek ingevoerd'),
    assess('2024-Q2', 'attention', 'Achterstand in registratie'),
    assess('2023-Q4', 'off_track', 'Vorig jaar'),
  ];

  // corrected reading (interface.md §5): the status of the latest due quarter, no_data while it has none
  it.each([
    [5, 'on_track', 'Methodiek ingevoerd', []],
    [8, 'attention', 'Achterstand in registratie', []],
    [11, 'no_data', null, ['2024-Q3']],
  ] as const)('at month %i shows the latest due quarter: %s', (m, status, narrative, missing) => {
    const row = evaluateOne(werkstap, [], m, { assessments });
    expect(row).toMatchObject({ status, narrative, missingPeriods: missing, actual: null, expected: null });
  });

  it('does not judge on an early assessment of a quarter that is not due yet', () => {
    expect(evaluateOne(werkstap, [], 2, { assessments }).status).toBe('not_due');
    const row = evaluateOne(werkstap, [], 5, {
      assessments: [...assessments, assess('2024-Q2', 'off_track', 'vroeg')],
    });
    expect(row).toMatchObject({ status: 'on_track', narrative: 'Methodiek ingevoerd' });
  });

  it('ignores an assessment of a later quarter', () => {
    const row = evaluateOne(werkstap, [], 3, { assessments: [assess('2024-Q3', 'off_track', 'later')] });
    expect(row).toMatchObject({ status: 'no_data', missingPeriods: ['2024-Q1'] });
  });

  it('is not due before the first quarter ends and no_data when nothing was assessed after it', () => {
    expect(evaluateOne(werkstap, [], 2).status).toBe('not_due');
    expect(evaluateOne(werkstap, [], 7, { assessments: [assessments[2]!] })).toMatchObject({
      status: 'no_data',
      missingPeriods: ['2024-Q2'],
    });
  });

  it('shows a narrative without a hand-set status, but as missing: no verdict yet', () => {
    const row = evaluateOne(werkstap, [], 4, { assessments: [assess('2024-Q1', null, 'Nog geen oordeel')] });
    expect(row).toMatchObject({ status: 'no_data', narrative: 'Nog geen oordeel', missingPeriods: ['2024-Q1'] });
  });
});

describe('evaluateDvo', () => {
  it('returns the rows in catalogue order, a total before its segments', () => {
    const rows = evaluate([uitstroom, omvang, zittendUitstroom, werkstap, pvaFormat], [], 1);
    expect(rows.map((r) => [r.indicator, r.segment])).toEqual([
      ['uitstroom', null],
      ['groeien_zittend_omvang', null],
      ['groeien_zittend_uitstroom', null],
      ['groeien_zittend_uitstroom', 'cohort_2021'],
      ['groeien_zittend_uitstroom', 'cohort_2022'],
      ['groeien_zittend_uitstroom', 'cohort_2023'],
      ['kwal_werkstap_methodiek', null],
      ['mijlpaal_pva_format', null],
    ]);
  });

  it('refuses an evaluation month outside 1–12', () => {
    expect(() => evaluate([uitstroom], [], 13)).toThrow(RangeError);
    expect(() => evaluate([uitstroom], [], 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// A year by hand: twelve months of figures for four agreements, every number computed on paper.

const scenarioCatalogue = [uitstroom, beschut, verzuim, omvang, zittendUitstroom];

// uitstroom per month [matchen, groeien]; March also carries a total of 35 that wins over 20 + 10;
// July's groeien is 0 (a month with only matchen would be missing: corrected reading).
// biome-ignore format: a year per two lines reads as a table
const uitstroomSegments: [number, number | null][] = [
  [20, 10], [18, 12], [20, 10], [22, 13], [25, 15], [20, 10],
  [20, 0], [10, 9], [30, 15], [28, 12], [26, 14], [30, 15],
];
const beschutValues = [70, 72, 64, 65, 100, 129, 130, 141, 142, 120, null, 110];
// wsw_verzuim [sick days, contract days]; June has no contract days at all.
// biome-ignore format: a year per two lines reads as a table
const verzuimValues: [number, number][] = [
  [150, 1000], [140, 1000], [170, 1000], [200, 1000], [100, 1000], [0, 0],
  [120, 1000], [219, 1000], [77, 1000], [150, 1000], [160, 1000], [130, 1000],
];
const cohortOutflow = {
  cohort_2021: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  cohort_2022: [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1],
  cohort_2023: [0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1],
};

const scenarioFigures: FigureValue[] = [
  ...uitstroomSegments.flatMap(([m, g], i) => [
    fig(uitstroom, month(i + 1), m, 'matchen'),
    ...(g === null ? [] : [fig(uitstroom, month(i + 1), g, 'groeien')]),
  ]),
  fig(uitstroom, '2024-03', 35),
  ...monthly(beschut, beschutValues),
  ...verzuimValues.map(([n, d], i) => ratio(verzuim, month(i + 1), n, d)),
  // cohort sizes, delivered as yearly figures early in the year
  fig(omvang, '2024', 72, 'cohort_2021'),
  fig(omvang, '2024', 60, 'cohort_2022'),
  fig(omvang, '2024', 48, 'cohort_2023'),
  ...Object.entries(cohortOutflow).flatMap(([cohort, values]) => monthly(zittendUitstroom, values, cohort)),
];

function scenarioAt(m: number): StatusRow[] {
  return evaluate(scenarioCatalogue, scenarioFigures, m);
}

describe('scenario 2024 computed by hand', () => {
  // Monthly totals: 30, 30, 35 (total wins), 35, 40, 30, 20 (matchen only), 19, 45, 40, 40, 45.
  // Expected = 400 × m/12; attention from 0.9 × expected; forecast = actual × 12/m against 400 (band 360).
  it.each([
    // m, actual (cumulative), expected, status, forecast, forecastStatus
    [1, 30, 33.333333333, 'attention', 360, 'attention'], // 30 = 0.9 × 33.33 exactly at the margin
    [2, 60, 66.666666667, 'attention', 360, 'attention'], // 60 = 0.9 × 66.67 exactly at the margin
    [3, 95, 100, 'attention', 380, 'attention'], // 95 × 4
    [4, 130, 133.333333333, 'attention', 390, 'attention'], // 130 × 3
    [5, 170, 166.666666667, 'on_track', 408, 'on_track'], // 170 × 12/5
    [6, 200, 200, 'on_track', 400, 'on_track'], // exactly at the norm
    [7, 220, 233.333333333, 'attention', 377.142857143, 'attention'], // 220 × 12/7; band 210
    [8, 239, 266.666666667, 'off_track', 358.5, 'off_track'], // 239 < 240; 239 × 1.5 < 360
    [9, 284, 300, 'attention', 378.666666667, 'attention'], // 284 × 4/3; band 270
    [10, 324, 333.333333333, 'attention', 388.8, 'attention'], // 324 × 1.2; band 300
    [11, 364, 366.666666667, 'attention', 397.090909091, 'attention'], // 364 × 12/11; band 330
    [12, 409, 400, 'on_track', 409, 'on_track'],
  ] as const)('uitstroom at month %i: %d against %d', (m, actual, expected, status, forecast, forecastStatus) => {
    const row = rowOf(scenarioAt(m), uitstroom);
    expect(row.actual).toBe(actual);
    expect(row.expected).toBeCloseTo(expected, 6);
    expect(row.status).toBe(status);
    expect(row.forecast).toBeCloseTo(forecast, 6);
    expect(row.forecastStatus).toBe(forecastStatus);
    expect(row.marginLow).toBeCloseTo(expected * 0.9, 6);
  });

  // Range 72..129, margin 10%: attention from 64.8 (72 × 0.9) up to 141.9 (129 × 1.1).
  it.each([
    [1, 70, 'attention'],
    [2, 72, 'on_track'],
    [3, 64, 'off_track'],
    [4, 65, 'attention'],
    [5, 100, 'on_track'],
    [6, 129, 'on_track'],
    [7, 130, 'attention'],
    [8, 141, 'attention'],
    [9, 142, 'off_track'],
    [10, 120, 'on_track'],
    [11, null, 'no_data'],
    [12, 110, 'on_track'],
  ] as const)('beschut_dienstverbanden at month %i: %s is %s', (m, actual, status) => {
    const row = rowOf(scenarioAt(m), beschut);
    expect(row).toMatchObject({ actual, status, expected: 72, missingPeriods: m === 11 ? ['2024-11'] : [] });
  });

  // Max 14.7%, margin 1 pp (attention up to 15.7). Cumulative sick days / contract days × 100.
  it.each([
    [1, 15, 'attention'], // 150/1000
    [2, 14.5, 'on_track'], // 290/2000
    [3, 15.333333333, 'attention'], // 460/3000
    [4, 16.5, 'off_track'], // 660/4000
    [5, 15.2, 'attention'], // 760/5000
    [6, 15.2, 'attention'], // June 0/0 adds nothing: 760/5000
    [7, 14.666666667, 'on_track'], // 880/6000
    [8, 15.7, 'attention'], // 1099/7000 exactly at the margin
    [9, 14.7, 'on_track'], // 1176/8000 exactly at the norm
    [10, 14.733333333, 'attention'], // 1326/9000
    [11, 14.86, 'attention'], // 1486/10000
    [12, 14.690909091, 'on_track'], // 1616/11000
  ] as const)('wsw_verzuim at month %i: %d percent is %s', (m, actual, status) => {
    const row = rowOf(scenarioAt(m), verzuim);
    expect(row.actual).toBeCloseTo(actual, 6);
    expect(row).toMatchObject({ status, expected: 14.7, marginLow: null, missingPeriods: [] });
    expect(row.marginHigh).toBeCloseTo(15.7, 9);
    expect(row.forecast).toBeUndefined();
  });

  // Full-year norms 1/6 × cohort: 72 → 12, 60 → 10, 48 → 8, total 180 → 30.
  // Cumulative outflow at months 3/6/9/12: 2021 3/6/9/12; 2022 2/5/7/9; 2023 1/3/6/9; total 6/14/22/30.
  it.each([
    // m, segment, actual, expected, status, forecast, forecastStatus
    [3, null, 6, 7.5, 'off_track', 24, 'off_track'], // band 6.75; 24 < 27
    [3, 'cohort_2021', 3, 3, 'on_track', 12, 'on_track'],
    [3, 'cohort_2022', 2, 2.5, 'off_track', 8, 'off_track'], // band 2.25; 8 < 9
    [3, 'cohort_2023', 1, 2, 'off_track', 4, 'off_track'], // band 1.8; 4 < 7.2
    [6, null, 14, 15, 'attention', 28, 'attention'], // band 13.5; 28 ≥ 27
    [6, 'cohort_2021', 6, 6, 'on_track', 12, 'on_track'],
    [6, 'cohort_2022', 5, 5, 'on_track', 10, 'on_track'],
    [6, 'cohort_2023', 3, 4, 'off_track', 6, 'off_track'], // band 3.6; 6 < 7.2
    [9, null, 22, 22.5, 'attention', 29.333333333, 'attention'], // band 20.25; 22 × 4/3
    [9, 'cohort_2021', 9, 9, 'on_track', 12, 'on_track'],
    [9, 'cohort_2022', 7, 7.5, 'attention', 9.333333333, 'attention'], // band 6.75; 7 × 4/3 ≥ 9
    [9, 'cohort_2023', 6, 6, 'on_track', 8, 'on_track'],
    [12, null, 30, 30, 'on_track', 30, 'on_track'],
    [12, 'cohort_2021', 12, 12, 'on_track', 12, 'on_track'],
    [12, 'cohort_2022', 9, 10, 'attention', 9, 'attention'], // 9 = 0.9 × 10 exactly at the margin
    [12, 'cohort_2023', 9, 8, 'on_track', 9, 'on_track'],
  ] as const)(
    'groeien_zittend_uitstroom at month %i, %s: %d against %d',
    (m, segment, actual, expected, status, forecast, forecastStatus) => {
      const row = rowOf(scenarioAt(m), zittendUitstroom, segment);
      expect(row.actual).toBe(actual);
      expect(row.expected).toBeCloseTo(expected, 9);
      expect(row.status).toBe(status);
      expect(row.forecast).toBeCloseTo(forecast, 6);
      expect(row.forecastStatus).toBe(forecastStatus);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Properties

const monthArb = fc.integer({ min: 1, max: 12 });

describe('properties', () => {
  it('more uitstroom never worsens the status of a minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 12, maxLength: 12 }),
        monthArb,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }), { nil: undefined }),
        (values, m, bumped, extra, weights) => {
          const usableWeights = weights?.some((w) => w > 0) ? weights : undefined;
          const ind = indicator({
            ...uitstroom,
            norm: { basis: 'annual', kind: 'min', value: 400, ...(usableWeights ? { weights: usableWeights } : {}) },
          });
          const more = values.map((v, i) => (i === bumped ? v + extra : v));
          const before = evaluateOne(ind, monthly(ind, values), m);
          const after = evaluateOne(ind, monthly(ind, more), m);
          const rank = (s: string | undefined) => RANK[s as keyof typeof RANK];
          expect(rank(after.status)).toBeGreaterThanOrEqual(rank(before.status));
          if (before.forecastStatus)
            expect(rank(after.forecastStatus)).toBeGreaterThanOrEqual(rank(before.forecastStatus));
        },
      ),
    );
  });

  it('is never on_track, and always no_data, when a needed period is missing', () => {
    const kinds = [lksNieuw, lksCirculus, lksBehoud, beschut, verzuim, werkladderExtern, klanttevredenheid, aanvragers];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        monthArb,
        fc.array(
          fc.record({
            delivered: fc.boolean(),
            a: fc.integer({ min: 0, max: 1000 }),
            b: fc.integer({ min: 1, max: 1000 }),
          }),
          {
            minLength: 12,
            maxLength: 12,
          },
        ),
        (ind, m, draws) => {
          const periods = indicatorPeriods(ind, YEAR);
          const figures: FigureValue[] = [];
          const delivered = new Set<string>();
          periods.forEach((p, i) => {
            const d = draws[i]!;
            if (!d.delivered) return;
            const period = formatPeriod(p);
            delivered.add(period);
            figures.push(ind.kind === 'ratio' ? ratio(ind, period, Math.min(d.a, d.b), d.b) : fig(ind, period, d.a));
          });
          const due = indicatorDuePeriods(ind, YEAR, m).map(formatPeriod);
          const cumulative = ind.kind === 'flow' || ind.aggregate === 'sum';
          const needed = cumulative ? due : due.slice(-1);
          const missing = needed.filter((p) => !delivered.has(p));
          const row = evaluateOne(ind, figures, m);
          if (missing.length > 0) {
            expect(row.status).toBe('no_data');
            expect(row.actual).toBeNull();
            expect(row.missingPeriods).toEqual(missing);
          } else {
            expect(row.missingPeriods).toEqual([]);
            expect(row.status).not.toBe('no_data');
          }
          if (due.length === 0) expect(row.status).toBe('not_due');
        },
      ),
    );
  });

  it('totals of a flow with per-segment norms equal the sums of its segment rows', () => {
    const segments = ['a', 'b', 'c'];
    const baseInd = indicator({ ...omvang, code: 'basis', segments });
    const relative = indicator({
      ...zittendUitstroom,
      code: 'relatief',
      segments,
      norm: { basis: 'relative', kind: 'min', factor: 1 / 6, baseIndicator: 'basis' },
    });
    const annual = indicator({ ...lksNieuw, code: 'jaarlijks', segments, normPerSegment: true });
    const values = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(
        monthArb,
        fc.tuple(values, values, values),
        fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })),
        (m, perSegment, bases) => {
          const figures = segments.flatMap((s, i) => [
            ...monthly(relative, perSegment[i]!, s),
            ...monthly(annual, perSegment[i]!, s),
            fig(baseInd, '2024', bases[i]!, s),
          ]);
          const rows = evaluate([baseInd, relative, annual], figures, m);
          for (const ind of [relative, annual]) {
            const total = rowOf(rows, ind);
            const parts = segments.map((s) => rowOf(rows, ind, s));
            const close = (x: number | null, parts: (number | null)[]) => {
              const s = parts.reduce((acc: number, v) => acc + (v as number), 0);
              expect(Math.abs((x as number) - s)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(s)));
            };
            close(
              total.actual,
              parts.map((p) => p.actual),
            );
            close(
              total.expected,
              parts.map((p) => p.expected),
            );
          }
        },
      ),
    );
  });

  it('does not depend on the order of the figures', () => {
    const canonical = (fs: FigureValue[]) =>
      [...fs].sort((x, y) =>
        `${x.indicator}|${x.period}|${x.segment ?? ''}`.localeCompare(`${y.indicator}|${y.period}|${y.segment ?? ''}`),
      );
    fc.assert(
      fc.property(fc.shuffledSubarray(scenarioFigures), monthArb, (subset, m) => {
        const shuffled = evaluate(scenarioCatalogue, subset, m);
        const sorted = evaluate(scenarioCatalogue, canonical(subset), m);
        expect(shuffled).toEqual(sorted);
      }),
    );
  });
});
