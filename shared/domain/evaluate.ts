/**
 * The evaluation of a DVO at one month (interface.md §5): realisation to date against the norm to
 * date, per indicator and per segment with its own norm. Pure functions over plain data; the
 * decisions taken where the spec is silent are listed in ./README.md.
 */
import type { Frequency, Indicator, Unit } from '../contracts/catalogue.ts';
import type { Assessment, FigureValue } from '../contracts/figures.ts';
import type { NormView, Status, StatusRow } from '../contracts/status.ts';
import {
  addDays,
  duePeriods,
  endOfMonth,
  endOfQuarter,
  formatPeriod,
  indicatorDuePeriods,
  indicatorPeriods,
  lastDueMonth,
  type Period,
} from './periods.ts';
import type { AssessedStatus } from './statuses.ts';

export interface EvaluateInput {
  /** The DVO year Y. */
  year: number;
  /** The evaluation month P (1–12) in Y. */
  month: number;
  /** The catalogue, in the order the rows must come out. */
  indicators: readonly Indicator[];
  /** At most one figure per (indicator, period, segment): the revision current at the moment evaluated. */
  figures: readonly FigureValue[];
  assessments: readonly Assessment[];
  /** `YYYY-MM-DD`; only caps milestone deadlines when it lies before the end of P (see README). */
  today?: string;
}

export type JudgedStatus = AssessedStatus;

/** A norm at one point in time, ready to compare an actual with. */
export type NormBound =
  | { kind: 'min'; value: number }
  | { kind: 'max'; value: number }
  | { kind: 'range'; min: number; max: number };

export interface MarginBand {
  /** Lowest value still `attention` (min, range); null when there is no lower bound (max). */
  marginLow: number | null;
  /** Highest value still `attention` (max, range); null when there is no upper bound (min). */
  marginHigh: number | null;
}

export interface Judgement extends MarginBand {
  status: JudgedStatus;
}

const RELATIVE_TOLERANCE = 1e-9;
const DEFAULT_DAYS_AFTER_QUARTER_END = 14;

/** Equal within a relative 1e-9, so 72 × 1/6 × 1/12 counts as 1 (interface.md §5). */
export function nearlyEqual(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function atLeast(actual: number, bound: number): boolean {
  return actual >= bound || nearlyEqual(actual, bound);
}

function atMost(actual: number, bound: number): boolean {
  return actual <= bound || nearlyEqual(actual, bound);
}

/** Procent and cijfer read a margin in points; counts, euros and fte read it as a fraction. */
export function usesPointMargin(unit: Unit | null): boolean {
  return unit === 'procent' || unit === 'cijfer';
}

function widenDown(bound: number, margin: number, unit: Unit | null): number {
  // |bound| keeps a relative margin pointing outward should a norm ever be negative.
  return usesPointMargin(unit) ? bound - margin : bound - margin * Math.abs(bound);
}

function widenUp(bound: number, margin: number, unit: Unit | null): number {
  return usesPointMargin(unit) ? bound + margin : bound + margin * Math.abs(bound);
}

/** The edge(s) of the attention band around a norm. */
export function marginBand(bound: NormBound, margin: number | null, unit: Unit | null): MarginBand {
  const m = margin ?? 0;
  if (bound.kind === 'min') return { marginLow: widenDown(bound.value, m, unit), marginHigh: null };
  if (bound.kind === 'max') return { marginLow: null, marginHigh: widenUp(bound.value, m, unit) };
  return { marginLow: widenDown(bound.min, m, unit), marginHigh: widenUp(bound.max, m, unit) };
}

/** Judges an actual against a norm with a margin; equality (within 1e-9 relative) counts as met. */
export function compareWithNorm(actual: number, bound: NormBound, margin: number | null, unit: Unit | null): Judgement {
  const band = marginBand(bound, margin, unit);
  const lower = bound.kind === 'min' ? bound.value : bound.kind === 'range' ? bound.min : null;
  const upper = bound.kind === 'max' ? bound.value : bound.kind === 'range' ? bound.max : null;
  let status: JudgedStatus;
  if (lower !== null && !atLeast(actual, lower)) {
    status = atLeast(actual, band.marginLow as number) ? 'attention' : 'off_track';
  } else if (upper !== null && !atMost(actual, upper)) {
    status = atMost(actual, band.marginHigh as number) ? 'attention' : 'off_track';
  } else {
    status = 'on_track';
  }
  return { status, ...band };
}

/**
 * The share f of an annual flow norm that should be reached at month `month`: due months/12, due
 * quarters/4, 1 for a yearly figure in December, 0 before anything is due; with 12 monthly weights,
 * the weights of the months up to the end of the last due period over all weights.
 */
export function pathFraction(frequency: Frequency, month: number, weights?: readonly number[]): number {
  // a single measurement (`once`) is never on a pro-rata path; read it as a yearly figure
  const last = lastDueMonth(frequency === 'once' ? 'Y' : frequency, month);
  if (!weights) return last / 12;
  return sum(weights.slice(0, last)) / sum(weights);
}

/** A norm is on the annual pro-rata path: an annual flow norm, or a relative norm on a flow (art. 14). */
export function isAnnualPath(indicator: Indicator): boolean {
  return indicator.norm.basis === 'annual' || (indicator.norm.basis === 'relative' && indicator.kind === 'flow');
}

export interface NormOptions {
  /** The base indicator's value (relative norms); null or absent when it was not delivered. */
  base?: number | null;
  /** Multiplier for a total row whose norm is the sum of per-segment norms (see README). */
  scale?: number;
}

/** The full norm: the annual N for a flow, the norm itself at the period for anything else. */
export function fullNorm(indicator: Indicator, options: NormOptions = {}): NormBound | null {
  const norm = indicator.norm;
  const scale = options.scale ?? 1;
  switch (norm.basis) {
    case 'annual':
      return { kind: norm.kind, value: norm.value * scale };
    case 'period':
      return norm.kind === 'range'
        ? { kind: 'range', min: norm.min * scale, max: norm.max * scale }
        : { kind: norm.kind, value: norm.value * scale };
    case 'relative':
      return options.base == null ? null : { kind: norm.kind, value: norm.factor * options.base };
    default:
      return null;
  }
}

/** The norm to date at month `month`: the full norm, times f for the annual path. */
export function normToDate(indicator: Indicator, month: number, options: NormOptions = {}): NormBound | null {
  const full = fullNorm(indicator, options);
  if (full === null || full.kind === 'range' || !isAnnualPath(indicator)) return full;
  const weights = indicator.norm.basis === 'annual' ? indicator.norm.weights : undefined;
  return { kind: full.kind, value: full.value * pathFraction(indicator.frequency, month, weights) };
}

/** The single number shown as "expected": the bound itself, the lower bound for a range. */
export function expectedValue(bound: NormBound): number {
  return bound.kind === 'range' ? bound.min : bound.value;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Figures

interface PeriodFigures {
  total: FigureValue | null;
  segments: Map<string, FigureValue>;
}

/** indicator → period → the total and segment figures of that period. */
export type FigureIndex = ReadonlyMap<string, ReadonlyMap<string, PeriodFigures>>;

export function indexFigures(figures: readonly FigureValue[]): FigureIndex {
  const index = new Map<string, Map<string, PeriodFigures>>();
  for (const figure of figures) {
    let byPeriod = index.get(figure.indicator);
    if (!byPeriod) {
      byPeriod = new Map();
      index.set(figure.indicator, byPeriod);
    }
    let entry = byPeriod.get(figure.period);
    if (!entry) {
      entry = { total: null, segments: new Map() };
      byPeriod.set(figure.period, entry);
    }
    if (figure.segment == null) entry.total = figure;
    else entry.segments.set(figure.segment, figure);
  }
  return index;
}

interface Ratio {
  numerator: number;
  denominator: number;
}

function hasRatio(f: FigureValue | null | undefined): f is FigureValue & Ratio {
  return f?.numerator != null && f.denominator != null;
}

/**
 * One period's value for a row: the segment's own figure, or for the total the total figure, else
 * the sum of every one of the catalogue's segments; a period delivered for only some segments is
 * missing, not a shortfall (interface.md §5 "Missing data").
 */
function readValue(entry: PeriodFigures | undefined, segment: string | null, segments: readonly string[]) {
  if (!entry) return null;
  if (segment !== null) return entry.segments.get(segment)?.value ?? null;
  if (entry.total?.value != null) return entry.total.value;
  if (segments.length === 0) return null;
  let total = 0;
  for (const s of segments) {
    const v = entry.segments.get(s)?.value;
    if (v == null) return null;
    total += v;
  }
  return total;
}

function readRatio(entry: PeriodFigures | undefined, segment: string | null, segments: readonly string[]) {
  if (!entry) return null;
  if (segment !== null) {
    const f = entry.segments.get(segment);
    return hasRatio(f) ? { numerator: f.numerator, denominator: f.denominator } : null;
  }
  if (hasRatio(entry.total)) return { numerator: entry.total.numerator, denominator: entry.total.denominator };
  if (segments.length === 0) return null;
  const ratio: Ratio = { numerator: 0, denominator: 0 };
  for (const s of segments) {
    const f = entry.segments.get(s);
    if (!hasRatio(f)) return null;
    ratio.numerator += f.numerator;
    ratio.denominator += f.denominator;
  }
  return ratio;
}

/** 100 × numerator / denominator; null when the denominator is 0 (nothing to divide by). */
function percentage(r: Ratio): number | null {
  return r.denominator === 0 ? null : (100 * r.numerator) / r.denominator;
}

/** A period's single number: the value, or for a ratio its percentage. */
function readNumber(indicator: Indicator, entry: PeriodFigures | undefined, segment: string | null) {
  if (indicator.kind === 'ratio') {
    const r = readRatio(entry, segment, indicator.segments);
    return r === null ? null : percentage(r);
  }
  return readValue(entry, segment, indicator.segments);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface EvaluationContext {
  year: number;
  month: number;
  indicators: ReadonlyMap<string, Indicator>;
  figures: FigureIndex;
  assessments: readonly Assessment[];
  today?: string;
}

export function createEvaluationContext(input: EvaluateInput): EvaluationContext {
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)
    throw new RangeError(`evaluatiemaand moet 1–12 zijn, niet ${input.month}`);
  return {
    year: input.year,
    month: input.month,
    indicators: new Map(input.indicators.map((i) => [i.code, i])),
    figures: indexFigures(input.figures),
    assessments: input.assessments,
    ...(input.today === undefined ? {} : { today: input.today }),
  };
}

/**
 * Every row of the status screen: per indicator in catalogue order, a total row then its segment rows.
 * Throws a RangeError naming the row when a number comes out non-finite: that cannot happen for
 * figures within the plausible bounds (decision 0012, proven by a property test), so it means stored
 * data from before them, and a verdict on it would be meaningless.
 */
export function evaluateDvo(input: EvaluateInput): StatusRow[] {
  const ctx = createEvaluationContext(input);
  const rows: StatusRow[] = [];
  for (const indicator of input.indicators) {
    rows.push(requireFinite(evaluateIndicator(ctx, indicator, null)));
    if (indicator.normPerSegment) {
      for (const s of indicator.segments) rows.push(requireFinite(evaluateIndicator(ctx, indicator, s)));
    }
  }
  return rows;
}

/** Every number of a status row, absent ones included (as undefined or null). */
export function numbersOfRow(row: StatusRow): (number | null | undefined)[] {
  return [
    row.actual,
    row.expected,
    row.forecast,
    row.marginLow,
    row.marginHigh,
    row.norm.value,
    row.norm.min,
    row.norm.max,
  ];
}

function requireFinite(row: StatusRow): StatusRow {
  if (numbersOfRow(row).some((n) => typeof n === 'number' && !Number.isFinite(n))) {
    throw new RangeError(
      `${row.indicator}${row.segment ? ` (${row.segment})` : ''}: niet-eindige waarde in de evaluatie`,
    );
  }
  return row;
}

/** One row: the total (`segment` null) or one segment of an indicator. */
export function evaluateIndicator(ctx: EvaluationContext, indicator: Indicator, segment: string | null): StatusRow {
  if (indicator.kind === 'qualitative') return evaluateQualitative(ctx, indicator);
  if (indicator.kind === 'milestone') return evaluateMilestone(ctx, indicator);
  return evaluateMeasured(ctx, indicator, segment);
}

export interface Realisation {
  /** null while anything needed is missing, or when a ratio's denominators sum to 0. */
  actual: number | null;
  /** The due periods that are needed but were not delivered, in period order. */
  missing: Period[];
  /** Whether any period of the indicator's frequency is due at all. */
  anyDue: boolean;
}

/** The actual to date of one row (interface.md §5 "Actual" and "Missing data"). */
export function realisation(ctx: EvaluationContext, indicator: Indicator, segment: string | null): Realisation {
  const byPeriod = ctx.figures.get(indicator.code);
  const due = indicatorDuePeriods(indicator, ctx.year, ctx.month);
  const latest = due.at(-1);
  if (latest === undefined) return { actual: null, missing: [], anyDue: false };
  const entry = (p: Period) => byPeriod?.get(formatPeriod(p));

  // `once`: the one measurement stands for the rest of the year (interface.md §5)
  const cumulative =
    indicator.frequency !== 'once' &&
    (indicator.kind === 'flow' || (indicator.kind === 'ratio' && indicator.aggregate !== 'last'));
  if (!cumulative) {
    if (indicator.kind === 'ratio') {
      const r = readRatio(entry(latest), segment, indicator.segments);
      return { actual: r === null ? null : percentage(r), missing: r === null ? [latest] : [], anyDue: true };
    }
    const v = readValue(entry(latest), segment, indicator.segments);
    return { actual: v, missing: v === null ? [latest] : [], anyDue: true };
  }

  const missing: Period[] = [];
  if (indicator.kind === 'flow') {
    let total = 0;
    for (const p of due) {
      const v = readValue(entry(p), segment, indicator.segments);
      if (v === null) missing.push(p);
      else total += v;
    }
    return { actual: missing.length > 0 ? null : total, missing, anyDue: true };
  }
  const ratio: Ratio = { numerator: 0, denominator: 0 };
  for (const p of due) {
    const r = readRatio(entry(p), segment, indicator.segments);
    if (r === null) missing.push(p);
    else {
      ratio.numerator += r.numerator;
      ratio.denominator += r.denominator;
    }
  }
  return { actual: missing.length > 0 ? null : percentage(ratio), missing, anyDue: true };
}

/**
 * The base of a relative norm for one row: the base indicator's figure for the same segment (or
 * total) in Y, whenever in Y it was delivered. A flow base is the sum of what was delivered in Y;
 * any other kind takes its latest delivered period.
 */
export function baseValue(
  ctx: EvaluationContext,
  baseCode: string,
  segment: string | null,
): { value: number | null; missing: string[] } {
  const base = ctx.indicators.get(baseCode);
  if (!base) return { value: null, missing: [String(ctx.year)] };
  const byPeriod = ctx.figures.get(base.code);
  const periods = indicatorPeriods(base, ctx.year);
  const values = periods.map((p) => readNumber(base, byPeriod?.get(formatPeriod(p)), segment));
  const delivered = values.filter((v): v is number => v !== null);
  if (delivered.length > 0) {
    return { value: base.kind === 'flow' ? sum(delivered) : (delivered.at(-1) as number), missing: [] };
  }
  const lastDue = indicatorDuePeriods(base, ctx.year, ctx.month).at(-1) ?? periods[0];
  return { value: null, missing: lastDue ? [formatPeriod(lastDue)] : [String(ctx.year)] };
}

/**
 * The base of a relative norm for one row (interface.md §5): a segment row reads its segment's base;
 * the total row of a norm judged per segment needs the base of every segment (their sum), otherwise
 * it has none. The base is another indicator's figure or a number that is part of the norm itself
 * (`baseParameter`: the intake of an art. 14 cohort); a parameter not entered yet has no period to
 * list as missing.
 */
export function relativeBase(
  ctx: EvaluationContext,
  indicator: Indicator,
  segment: string | null,
): { value: number | null; missing: string[] } {
  const norm = indicator.norm;
  if (norm.basis !== 'relative') return { value: null, missing: [] };
  const one = (s: string | null) =>
    'baseParameter' in norm
      ? { value: s === null ? null : (norm.baseParameter.values[s] ?? null), missing: [] as string[] }
      : baseValue(ctx, norm.baseIndicator, s);
  if (segment !== null || !indicator.normPerSegment) return one(segment);
  let total = 0;
  const missing = new Set<string>();
  let complete = true;
  for (const s of indicator.segments) {
    const base = one(s);
    if (base.value === null) {
      complete = false;
      for (const m of base.missing) missing.add(m);
    } else total += base.value;
  }
  return complete ? { value: total, missing: [] } : { value: null, missing: [...missing] };
}

/** A total row of an additive kind sums its per-segment norms, so it carries N × the number of segments. */
function normScale(indicator: Indicator, segment: string | null): number {
  const additive = indicator.kind === 'flow' || indicator.kind === 'stock';
  const summed = indicator.normPerSegment && segment === null && indicator.norm.basis !== 'relative';
  return additive && summed ? indicator.segments.length : 1;
}

function sourceText(indicator: Indicator): string {
  const { reference, placeholder } = indicator.source;
  return placeholder ? `${reference} (voorlopige waarde)` : reference;
}

/** The norm as the row shows it; `full` is the full (not pro-rata) norm when known. */
export function toNormView(indicator: Indicator, full: NormBound | null = null, baseName?: string): NormView {
  const norm = indicator.norm;
  const common = {
    source: sourceText(indicator),
    placeholder: indicator.source.placeholder,
    ...(indicator.capacity ? { capacity: true } : {}),
  };
  switch (norm.basis) {
    case 'none':
      return { kind: norm.kind, basis: 'none', ...common };
    case 'deadline':
      return { kind: 'milestone', basis: 'deadline', deadline: norm.deadline, ...common };
    case 'relative':
      return {
        kind: norm.kind,
        basis: 'relative',
        factor: norm.factor,
        ...('baseIndicator' in norm
          ? { baseIndicator: norm.baseIndicator, ...(baseName === undefined ? {} : { baseName }) }
          : { baseName: norm.baseParameter.name, baseSource: norm.baseParameter.source }),
        ...(full ? { value: expectedValue(full) } : {}),
        ...common,
        ...('baseParameter' in norm && norm.baseParameter.placeholder
          ? { placeholder: true, source: `${common.source}; ${norm.baseParameter.name}: voorlopige waarden` }
          : {}),
      };
    case 'budget':
      return {
        kind: 'monitor',
        basis: 'budget',
        value: norm.value,
        budgetYears: { first: norm.firstYear, last: norm.lastYear },
        ...common,
      };
    default: {
      const bound = full ?? fullNorm(indicator);
      if (bound?.kind === 'range')
        return { kind: 'range', basis: norm.basis, min: bound.min, max: bound.max, ...common };
      return { kind: norm.kind, basis: norm.basis, value: bound?.value, ...common };
    }
  }
}

function evaluateMeasured(ctx: EvaluationContext, indicator: Indicator, segment: string | null): StatusRow {
  const real = realisation(ctx, indicator, segment);
  const missingPeriods = real.missing.map(formatPeriod);
  const row = {
    indicator: indicator.code,
    segment,
    unit: indicator.unit,
    kind: indicator.kind,
    actual: real.actual,
  };

  if (indicator.norm.basis === 'none' || indicator.norm.basis === 'budget') {
    return { ...row, status: 'monitor', expected: null, norm: toNormView(indicator), missingPeriods };
  }

  const scale = normScale(indicator, segment);
  const { value: base, missing: baseMissing } = relativeBase(ctx, indicator, segment);
  const full = fullNorm(indicator, { base, scale });
  const toDate = normToDate(indicator, ctx.month, { base, scale });
  const band = toDate ? marginBand(toDate, indicator.margin, indicator.unit) : { marginLow: null, marginHigh: null };
  const judgedRow = {
    ...row,
    expected: toDate ? expectedValue(toDate) : null,
    norm: toNormView(
      indicator,
      full,
      indicator.norm.basis === 'relative' && 'baseIndicator' in indicator.norm
        ? ctx.indicators.get(indicator.norm.baseIndicator)?.name
        : undefined,
    ),
    ...band,
  };

  if (!real.anyDue) return { ...judgedRow, status: 'not_due', missingPeriods: [] };
  if (missingPeriods.length > 0 || baseMissing.length > 0) {
    return { ...judgedRow, status: 'no_data', missingPeriods: [...missingPeriods, ...baseMissing] };
  }
  if (indicator.norm.basis === 'relative' && base === null) {
    return { ...judgedRow, status: 'no_data', missingPeriods: [] };
  }
  if (real.actual === null || toDate === null) return { ...judgedRow, status: 'no_data', missingPeriods: [] };

  const judged: StatusRow = {
    ...judgedRow,
    status: compareWithNorm(real.actual, toDate, indicator.margin, indicator.unit).status,
    missingPeriods: [],
  };
  const f = pathFraction(
    indicator.frequency,
    ctx.month,
    indicator.norm.basis === 'annual' ? indicator.norm.weights : undefined,
  );
  if (isAnnualPath(indicator) && full !== null && f > 0) {
    judged.forecast = real.actual / f;
    judged.forecastStatus = compareWithNorm(judged.forecast, full, indicator.margin, indicator.unit).status;
  }
  return judged;
}

function assessmentsOf(ctx: EvaluationContext, indicator: Indicator): Assessment[] {
  return ctx.assessments.filter((a) => a.indicator === indicator.code);
}

function emptyRow(indicator: Indicator) {
  return {
    indicator: indicator.code,
    segment: null,
    unit: indicator.unit,
    kind: indicator.kind,
    actual: null,
    expected: null,
    norm: toNormView(indicator),
  };
}

/**
 * The hand-set status and narrative of the latest due quarter (interface.md §5): `not_due` before the
 * first quarter ends; `no_data` with that quarter in `missingPeriods` while it has no status yet
 * (a narrative written without a status is shown, but is no verdict).
 */
function evaluateQualitative(ctx: EvaluationContext, indicator: Indicator): StatusRow {
  const latest = duePeriods('Q', ctx.year, ctx.month).at(-1);
  if (latest === undefined) return { ...emptyRow(indicator), status: 'not_due', missingPeriods: [] };
  const quarter = formatPeriod(latest);
  const assessment = assessmentsOf(ctx, indicator).find((a) => a.period === quarter);
  const narrative = assessment?.narrative ?? null;
  if (assessment?.status == null) {
    return { ...emptyRow(indicator), status: 'no_data', narrative, missingPeriods: [quarter] };
  }
  return { ...emptyRow(indicator), status: assessment.status, narrative, missingPeriods: [] };
}

/**
 * Milestones are judged at the end of month P, so a month's evaluation is reproducible; `today`, when
 * it lies earlier, stands in for that end (a deadline passes only after its day, a completion counts
 * from its day).
 */
function evaluateMilestone(ctx: EvaluationContext, indicator: Indicator): StatusRow {
  const norm = indicator.norm;
  if (norm.basis !== 'deadline') throw new Error(`${indicator.code}: een mijlpaal heeft een deadline-norm`);
  const end = endOfMonth(ctx.year, ctx.month);
  const passedBy = (limit: string) => (date: string) => date <= limit && (ctx.today === undefined || date < ctx.today);
  const knownBy = (limit: string) => (date: string | null) =>
    date !== null && date <= limit && (ctx.today === undefined || date <= ctx.today) ? date : null;
  const passed = passedBy(end);
  const known = knownBy(end);
  const own = assessmentsOf(ctx, indicator);

  if (norm.recurring === 'quarterly') {
    const days = norm.daysAfterQuarterEnd ?? DEFAULT_DAYS_AFTER_QUARTER_END;
    const dueDates = [1, 2, 3, 4].map((q) => addDays(endOfQuarter(ctx.year, q), days));
    // December is the year view: the Q4 report, due in January of the next year, is judged there
    // once its day has passed (domain.md "Readings corrected"); later days change nothing
    const limit = ctx.month === 12 && ctx.today !== undefined ? (dueDates[3] as string) : end;
    const passed = passedBy(limit);
    const known = knownBy(limit);
    const quarter = dueDates.filter(passed).length;
    if (quarter === 0) {
      const row = emptyRow(indicator);
      return { ...row, norm: { ...row.norm, deadline: dueDates[0] ?? null }, status: 'not_due', missingPeriods: [] };
    }
    const deadline = dueDates[quarter - 1] as string;
    const assessment = own.find((a) => a.period === `${ctx.year}-Q${quarter}`);
    return judgeMilestone(indicator, deadline, assessment, known(assessment?.completedOn ?? null), passed(deadline));
  }

  const assessment = own.find((a) => a.period === String(ctx.year));
  const completedOn = known(assessment?.completedOn ?? null);
  if (norm.deadline === null) {
    return {
      ...emptyRow(indicator),
      status: completedOn === null ? 'monitor' : 'on_track',
      completedOn,
      narrative: assessment?.narrative ?? null,
      missingPeriods: [],
    };
  }
  return judgeMilestone(indicator, norm.deadline, assessment, completedOn, passed(norm.deadline));
}

function judgeMilestone(
  indicator: Indicator,
  deadline: string,
  assessment: Assessment | undefined,
  completedOn: string | null,
  deadlinePassed: boolean,
): StatusRow {
  let status: Status;
  if (completedOn !== null) status = completedOn <= deadline ? 'on_track' : 'off_track';
  else status = deadlinePassed ? 'off_track' : 'not_due';
  const row = emptyRow(indicator);
  return {
    ...row,
    norm: { ...row.norm, deadline },
    status,
    completedOn,
    narrative: assessment?.narrative ?? null,
    missingPeriods: [],
  };
}
