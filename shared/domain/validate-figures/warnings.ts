/** Cross-row warnings: outliers against the series median, segments against the total, werkladder balance. */
import type { Indicator } from '../../contracts/catalogue.ts';
import type { FigureValue } from '../../contracts/figures.ts';
import type { FigureField } from '../delivery-columns.ts';
import { agreementLabel, formatSegment } from '../format-nl.ts';
import { formatDutchNumber } from '../normalize.ts';
import { formatPeriod, type Period, parsePeriod } from '../periods.ts';
import { WERKLADDER } from '../werkladder.ts';
import {
  type FigureProblem,
  type FigureProblemCode,
  type FigureRowInput,
  type NormalizedFigure,
  problem,
} from './context.ts';
import { columnName } from './row-rules.ts';

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Sorts `values` (a typed array sorts numerically without a comparator). */
function median(values: Float64Array): number {
  const sorted = values.sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function previousPeriod(p: Period): Period {
  if (p.type === 'Y') return { type: 'Y', year: p.year - 1 };
  const index = p.index as number;
  if (index > 1) return { type: p.type, year: p.year, index: index - 1 };
  return { type: p.type, year: p.year - 1, index: p.type === 'M' ? 12 : 4 };
}

/** The figure as a single number for comparisons: the value, or a ratio as a percentage. */
function measure(f: FigureValue): number | null {
  if (f.value !== null) return f.value;
  if (f.numerator !== null && f.denominator !== null && f.denominator > 0) return (100 * f.numerator) / f.denominator;
  return null;
}

type Warn = (code: FigureProblemCode, message: string, row: number | undefined, field: FigureField) => FigureProblem;

interface SegmentGroup {
  total?: FigureValue;
  segments: FigureValue[];
}

/**
 * The warnings about the new or changed figures of a delivery (`freshByKey`), judged with the stored
 * figures they join: the stored ones with the fresh ones laid over them, in that order. One pass over
 * those gathers only what a fresh figure can be compared with: its series (for the median), its
 * indicator-period group (for segment totals) and the werkladder.
 */
export function collectWarnings(
  freshByKey: ReadonlyMap<string, NormalizedFigure>,
  stored: ReadonlyMap<string, FigureValue>,
  indicators: ReadonlyMap<string, Indicator>,
  columnsOfRow: ReadonlyMap<number | undefined, FigureRowInput['columns']>,
): FigureProblem[] {
  const fresh = [...freshByKey.values()];
  const merged: FigureValue[] = [];
  for (const [key, f] of stored) merged.push(freshByKey.get(key) ?? f);
  for (const [key, f] of freshByKey) if (!stored.has(key)) merged.push(f);
  const fromFile = new Set<FigureValue>(fresh);
  const rowOf = (f: FigureValue | undefined) => (f && fromFile.has(f) ? (f as NormalizedFigure).row : undefined);
  const series = new Map<string, Map<string, { period: string; measure: number }[]>>();
  const touched = new Map<string, Map<string, SegmentGroup | null>>();
  for (const f of fresh) {
    const bySegment = series.get(f.indicator) ?? new Map();
    series.set(f.indicator, bySegment);
    if (!bySegment.has(f.segment ?? '')) bySegment.set(f.segment ?? '', []);
    const byPeriod = touched.get(f.indicator) ?? new Map();
    touched.set(f.indicator, byPeriod);
    byPeriod.set(f.period, null);
  }
  const groups: SegmentGroup[] = [];
  const werkladder = indicators.has(WERKLADDER.distribution) && indicators.has(WERKLADDER.movements);
  const stock = new Map<string, FigureValue>();
  const movements = new Map<string, FigureValue[]>();
  for (const f of merged) {
    const list = series.get(f.indicator)?.get(f.segment ?? '');
    if (list) {
      const m = measure(f);
      if (m !== null) list.push({ period: f.period, measure: m });
    }
    const byPeriod = touched.get(f.indicator);
    if (byPeriod?.has(f.period)) {
      let group = byPeriod.get(f.period);
      if (!group) {
        group = { segments: [] };
        byPeriod.set(f.period, group);
        groups.push(group);
      }
      if (f.segment === null) group.total = f;
      else group.segments.push(f);
    }
    if (werkladder && f.segment !== null) {
      if (f.indicator === WERKLADDER.distribution) stock.set(`${f.period}\u0000${f.segment}`, f);
      else if (f.indicator === WERKLADDER.movements && f.segment.includes('>')) {
        const moves = movements.get(f.period) ?? [];
        moves.push(f);
        movements.set(f.period, moves);
      }
    }
  }
  const warn: Warn = (code, message, row, field) =>
    problem(code, message, row, row === undefined ? undefined : columnName(columnsOfRow.get(row), field));
  return [
    ...outlierWarnings(fresh, series, indicators, warn),
    ...segmentSumWarnings(groups, fromFile, rowOf, indicators, warn),
    ...(werkladder ? werkladderWarnings(stock, movements, fromFile, rowOf, indicators, warn) : []),
  ];
}

function outlierWarnings(
  fresh: readonly NormalizedFigure[],
  series: ReadonlyMap<string, ReadonlyMap<string, readonly { period: string; measure: number }[]>>,
  indicators: ReadonlyMap<string, Indicator>,
  warn: Warn,
): FigureProblem[] {
  const warnings: FigureProblem[] = [];
  for (const f of fresh) {
    const m = measure(f);
    if (m === null) continue;
    const list = series.get(f.indicator)?.get(f.segment ?? '') ?? [];
    // the series holds this figure's own period once (keys are unique), so the others are one fewer
    if (list.length - 1 < 3) continue;
    const others = new Float64Array(list.length);
    let count = 0;
    for (const o of list) if (o.period !== f.period) others[count++] = o.measure;
    if (count < 3) continue;
    const mid = median(others.subarray(0, count));
    if (mid <= 0) continue;
    if (m <= 3 * mid && m >= mid / 3) continue;
    const ratio = indicators.get(f.indicator)?.kind === 'ratio';
    const label = ratio ? 'Percentage' : 'Waarde';
    const show = (n: number) => (ratio ? `${formatDutchNumber(Math.round(n * 10) / 10)}%` : formatDutchNumber(n));
    const series_ = agreementLabel(indicators.get(f.indicator)?.name ?? f.indicator, f.segment);
    const field: FigureField = ratio ? 'numerator' : 'value';
    if (m > 3 * mid)
      warnings.push(
        warn(
          'outlier',
          `${label} ${show(m)} is meer dan 3× de mediaan (${show(mid)}) van ${series_} in de andere perioden`,
          f.row,
          field,
        ),
      );
    else if (m < mid / 3)
      warnings.push(
        warn(
          'outlier',
          `${label} ${show(m)} is minder dan een derde van de mediaan (${show(mid)}) van ${series_} in de andere perioden`,
          f.row,
          field,
        ),
      );
  }
  return warnings;
}

function segmentSumWarnings(
  groups: readonly SegmentGroup[],
  fromFile: ReadonlySet<FigureValue>,
  rowOf: (f: FigureValue | undefined) => number | undefined,
  indicators: ReadonlyMap<string, Indicator>,
  warn: Warn,
): FigureProblem[] {
  const warnings: FigureProblem[] = [];
  for (const { total, segments } of groups) {
    if (!total || segments.length === 0) continue;
    const indicator = indicators.get(total.indicator);
    if (!indicator || indicator.kind === 'score') continue;
    const complete =
      indicator.segments.length > 0 && indicator.segments.every((s) => segments.some((x) => x.segment === s));
    const row = fromFile.has(total) ? rowOf(total) : rowOf(segments.find((s) => fromFile.has(s)));
    const parts: { field: FigureField; label: string }[] =
      indicator.kind === 'ratio'
        ? [
            { field: 'numerator', label: 'Teller van het totaal' },
            { field: 'denominator', label: 'Noemer van het totaal' },
          ]
        : [{ field: 'value', label: 'Totaal' }];
    for (const { field, label } of parts) {
      const key = field as 'value' | 'numerator' | 'denominator';
      const totalValue = total[key];
      if (totalValue === null) continue;
      const sum = segments.reduce((acc, s) => acc + (s[key] ?? 0), 0);
      if (complete ? sameNumber(sum, totalValue) : sum <= totalValue || sameNumber(sum, totalValue)) continue;
      const { period } = total;
      warnings.push(
        warn(
          'segments_sum',
          `${label} ${indicator.name} ${period} (${formatDutchNumber(totalValue)}) wijkt af van de som van de segmenten (${formatDutchNumber(sum)})`,
          row,
          field,
        ),
      );
    }
  }
  return warnings;
}

function werkladderWarnings(
  stock: ReadonlyMap<string, FigureValue>,
  movements: ReadonlyMap<string, readonly FigureValue[]>,
  fromFile: ReadonlySet<FigureValue>,
  rowOf: (f: FigureValue | undefined) => number | undefined,
  indicators: ReadonlyMap<string, Indicator>,
  warn: Warn,
): FigureProblem[] {
  const steps = indicators.get(WERKLADDER.distribution)?.segments ?? [];
  const warnings: FigureProblem[] = [];
  for (const [periodText, moves] of [...movements.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const period = parsePeriod(periodText);
    if (!period) continue;
    const previous = formatPeriod(previousPeriod(period));
    // each movement by the step it leaves and the step it enters, in the order they came
    const leaving = new Map<string, FigureValue[]>();
    const entering = new Map<string, FigureValue[]>();
    for (const m of moves) {
      const [from, to] = (m.segment as string).split('>') as [string, string];
      leaving.set(from, [...(leaving.get(from) ?? []), m]);
      entering.set(to, [...(entering.get(to) ?? []), m]);
    }
    for (const step of steps) {
      const current = stock.get(`${periodText}\u0000${step}`);
      const before = stock.get(`${previous}\u0000${step}`);
      if (!current || !before || current.value === null || before.value === null) continue;
      const into = entering.get(step) ?? [];
      const outOf = leaving.get(step) ?? [];
      if (![current, before, ...into, ...outOf].some((f) => fromFile.has(f))) continue;
      const sum = (list: readonly FigureValue[]) => list.reduce((acc, m) => acc + (m.value ?? 0), 0);
      const inflow = sum(into);
      const outflow = sum(outOf);
      const expected = before.value + inflow - outflow;
      if (sameNumber(expected, current.value)) continue;
      const row = fromFile.has(current)
        ? rowOf(current)
        : (rowOf([...into, ...outOf].find((m) => fromFile.has(m))) ?? rowOf(before));
      const n = formatDutchNumber;
      warnings.push(
        warn(
          'werkladder_balance',
          `Werkladder ${formatSegment(step)} ${periodText} sluit niet aan op de bewegingen: ${n(before.value)} (${previous}) + ${n(inflow)} in − ${n(outflow)} uit = ${n(expected)}, maar de verdeling geeft ${n(current.value)}`,
          row,
          'value',
        ),
      );
    }
  }
  return warnings;
}
