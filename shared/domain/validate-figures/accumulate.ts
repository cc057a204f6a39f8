/**
 * Accumulation: one figure per (indicator, period, segment), duplicates, the cap on listed problems,
 * and the checks against locks and stored figures when the delivery is finished (decision 0003).
 */
import type { Indicator } from '../../contracts/catalogue.ts';
import type { FigureValue, Problem } from '../../contracts/figures.ts';
import { formatPeriod, type Period, parsePeriod, periodContains } from '../periods.ts';
import {
  type Context,
  describe,
  type FigureRowInput,
  type FigureValidationContext,
  inDvoYear,
  keyOf,
  type LockedRows,
  type NormalizedFigure,
  report,
  type ValidateFiguresInput,
  type ValidateFiguresResult,
} from './context.ts';
import { columnName, isUnfilledTemplateRow, lockedProblems, noteLockedRow, validateRow } from './row-rules.ts';
import { collectWarnings } from './warnings.ts';

/** A broken file can hold millions of problems; this many are listed, the rest counted (decision 0012). */
export const MAX_LISTED_ERRORS = 1000;

/** What the validator keeps of the first row of each (indicator, period, segment). */
interface KeyEntry {
  /** The row number as messages name it. */
  label: number;
  /** The normalised figure; null when that row had errors (it still makes later copies duplicates). */
  figure: NormalizedFigure | null;
  /** Canonical; for the check against locks set while the file streamed in. */
  period: string;
  columns: FigureRowInput['columns'];
}

/** Checks rows one at a time as a file streams in; `finish` adds the checks across rows. */
export interface FigureValidator {
  /** Judges one row and keeps its normalised figure (not the row); call in file order. */
  add(row: FigureRowInput): void;
  /** How many distinct (indicator, period, segment) keys are held: all the validator keeps besides its errors. */
  readonly keyCount: number;
  /**
   * The result of the delivery, judged against the figures stored now (a list, or a map by
   * figureKey when the caller has one anyway) and, when given, the locks as they stand now (call
   * both inside the write transaction): a period locked since the validator was created is refused too.
   */
  finish(
    existing: readonly FigureValue[] | ReadonlyMap<string, FigureValue>,
    lockedPeriods?: readonly string[],
  ): ValidateFiguresResult;
}

/**
 * Checks a delivery of figures against the catalogue and the DVO's state (interface.md §3) and
 * normalises them, row by row, holding only one normalised figure per key (a delivery can hold each
 * key once, so this is bounded by the catalogue, not by the file) and the problems found. Every
 * problem is collected, never only the first, so a user can fix a file in one go. Errors reject the
 * whole delivery; warnings are stored with it and shown.
 */
export function createFigureValidator(context: FigureValidationContext): FigureValidator {
  const today = /^(\d{4})-(\d{2})-(\d{2})$/.exec(context.today);
  if (!today) throw new Error(`today moet JJJJ-MM-DD zijn, niet ${context.today}`);
  const ctx: Context = {
    dvoYear: context.dvoYear,
    delimiter: context.delimiter ?? ',',
    indicators: new Map(context.indicators.map((i) => [i.code, oneShape(i)])),
    locked: parsePeriods(context.lockedPeriods),
    todayMonth: Number(today[1]) * 12 + Number(today[2]),
    errors: [],
    errorCount: 0,
    maxErrors: context.maxErrors ?? MAX_LISTED_ERRORS,
    segments: new Map(),
    periods: new Map(),
    lockedRows: new Map(),
    lockedRowCount: 0,
  };
  const entries = new Map<string, KeyEntry>();
  let added = 0;
  let skipped = 0;

  return {
    add(row: FigureRowInput): void {
      added += 1;
      if (isUnfilledTemplateRow(row.figure)) {
        skipped += 1;
        return;
      }
      const errorsBefore = ctx.errorCount;
      const lockedBefore = ctx.lockedRowCount;
      const normalized = validateRow(ctx, row);
      if (!normalized) return;
      const valid = ctx.errorCount === errorsBefore && ctx.lockedRowCount === lockedBefore;
      const key = keyOf(normalized);
      const label = row.row ?? added;
      const first = entries.get(key);
      if (first === undefined) {
        // A faulty row outside the DVO year is not remembered: those keys are unbounded (any year), and
        // its copies are refused for their own period anyway. Keys inside the year are bounded by the
        // catalogue, so even a file of nothing but errors holds a few thousand at most.
        if (!valid && !inDvoYear(ctx, normalized.period)) return;
        entries.set(key, {
          label,
          figure: valid ? normalized : null,
          period: normalized.period,
          columns: row.columns,
        });
      } else report(ctx, 'duplicate', row.row, undefined, duplicate(ctx, normalized, first.label, label));
    },

    get keyCount(): number {
      return entries.size;
    },

    finish(
      existing: readonly FigureValue[] | ReadonlyMap<string, FigureValue>,
      lockedPeriods?: readonly string[],
    ): ValidateFiguresResult {
      const errors = [...ctx.errors];
      let errorCount = ctx.errorCount;
      const lockedRows = new Map(ctx.lockedRows);
      if (lockedPeriods) newlyLocked(ctx, entries, parsePeriods(lockedPeriods), lockedRows);
      const locked = lockedProblems(lockedRows.values());
      errors.push(...locked);
      errorCount += locked.length;
      errors.sort(byRow);
      errors.length = Math.min(errors.length, ctx.maxErrors);
      let stored: ReadonlyMap<string, FigureValue>;
      if (Array.isArray(existing)) {
        const byKey = new Map<string, FigureValue>();
        for (const f of existing) byKey.set(keyOf(f), f);
        stored = byKey;
      } else stored = existing as ReadonlyMap<string, FigureValue>;
      const figures: NormalizedFigure[] = [];
      // a figure delivered again unchanged was judged when it first came in: warn about what is new
      const fresh = new Map<string, NormalizedFigure>();
      const columnsOfRow = new Map<number | undefined, FigureRowInput['columns']>();
      for (const [key, entry] of entries) {
        const f = entry.figure;
        if (!f) continue;
        figures.push(f);
        const before = stored.get(key);
        if (
          before &&
          before.value === f.value &&
          before.numerator === f.numerator &&
          before.denominator === f.denominator
        )
          continue;
        fresh.set(key, f);
        columnsOfRow.set(f.row, entry.columns);
      }
      const warnings = fresh.size === 0 ? [] : collectWarnings(fresh, stored, ctx.indicators, columnsOfRow);
      return { figures, errors, errorCount, warnings: warnings.sort(byRow), skipped };
    },
  };
}

/** Built only when listed; made out here, as a closure inside `add` cost every row a context (see row-rules.ts). */
const duplicate = (ctx: Context, figure: NormalizedFigure, firstLabel: number, label: number) => () =>
  `${describe(ctx.indicators.get(figure.indicator)?.name ?? figure.indicator, figure.period, figure.segment)} staat twee keer in het bestand: rij ${firstLabel} en rij ${label}`;

/**
 * A copy of a definition with every key of `Indicator`, in one order (a missing one undefined), so V8
 * gives every definition one hidden class. The shipped catalogue's come in five key sets (an optional
 * duePeriod, aggregate, programmabegroting, capacity …); the row rules and warnings read them for every
 * row, and five shapes make those reads megamorphic: about 5% of the validator's time per row
 * (same-process A/B against the old code, whose catalogue had two key sets, three runs). The type
 * lists every key, so a field added to the catalogue fails to compile here until it is copied too.
 */
function oneShape(i: Indicator): Indicator {
  const copy: { [K in keyof Required<Indicator>]: Indicator[K] | undefined } = {
    code: i.code,
    article: i.article,
    chapter: i.chapter,
    name: i.name,
    description: i.description,
    kind: i.kind,
    frequency: i.frequency,
    duePeriod: i.duePeriod,
    unit: i.unit,
    segments: i.segments,
    normPerSegment: i.normPerSegment,
    aggregate: i.aggregate,
    numeratorLabel: i.numeratorLabel,
    denominatorLabel: i.denominatorLabel,
    norm: i.norm,
    margin: i.margin,
    source: i.source,
    programmabegroting: i.programmabegroting,
    capacity: i.capacity,
    previous: i.previous,
  };
  return copy as Indicator;
}

const byRow = (a: Problem, b: Problem) => (a.row ?? 0) - (b.row ?? 0);

/** All rows at once: deliveries that arrive whole (`POST /figures`, the demo data) and tests. */
export function validateFigures(input: ValidateFiguresInput): ValidateFiguresResult {
  const validator = createFigureValidator(input);
  for (const row of input.rows) validator.add(row);
  return validator.finish(input.existing);
}

function parsePeriods(periods: readonly string[]): Period[] {
  return periods.map(parsePeriod).filter((p): p is Period => p !== null);
}

/**
 * Locks set after the rows were checked: every kept key in such a period is refused, counted with
 * the rows refused for that lock (one problem per lock). Locks lifted meanwhile are not undone: their
 * rows were refused when read, and delivering the file again settles it.
 */
function newlyLocked(
  ctx: Context,
  entries: ReadonlyMap<string, KeyEntry>,
  locks: readonly Period[],
  into: Map<string, LockedRows>,
): void {
  const known = new Set(ctx.locked.map(formatPeriod));
  const added = locks.filter((lock) => !known.has(formatPeriod(lock)));
  if (added.length === 0) return;
  // counted on a scratch context, so `finish` leaves the validator as it was
  const scratch = { lockedRows: into, lockedRowCount: 0 } as Context;
  for (const entry of entries.values()) {
    const period = parsePeriod(entry.period);
    // a row in a period locked from the start was refused when it was read
    if (!period || ctx.locked.some((l) => periodContains(l, period))) continue;
    const lock = added.find((l) => periodContains(l, period));
    if (!lock) continue;
    noteLockedRow(scratch, lock, entry.label, columnName(entry.columns, 'period'));
  }
}
