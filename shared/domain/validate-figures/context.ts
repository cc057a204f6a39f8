/** The types of figure validation and the helpers its row rules, accumulation and warnings share. */
import type { Indicator } from '../../contracts/catalogue.ts';
import type { FigureValue, Problem, StoredFigure } from '../../contracts/figures.ts';
import type { FigureField } from '../delivery-columns.ts';
import { formatSegment } from '../format-nl.ts';
import type { Delimiter } from '../normalize.ts';
import { type Period, parsePeriod } from '../periods.ts';

/** A cell as it comes out of a CSV (text), an XLSX (number, text, date) or a JSON request. */
export type RawCell = string | number | Date | boolean | null | undefined;
export type RawFigure = Partial<Record<FigureField, RawCell>>;

export interface FigureRowInput {
  /** Row number as Excel shows it (header = 1); absent for figures that did not come from a file. */
  row?: number;
  /** The column names as written in the file's header, so messages use the user's words. */
  columns?: Partial<Record<FigureField, string>>;
  figure: RawFigure;
}

/** A figure as the validator keeps it: period canonical (`YYYY-MM`, `YYYY-Qn`, `YYYY`), segment null for the total. */
export interface NormalizedFigure extends StoredFigure {
  row?: number;
}

/** A closed set, so the server can pick the HTTP status (`locked` → 409) and tests can name the rule. */
export type FigureProblemCode =
  | 'missing_indicator'
  | 'unknown_indicator'
  | 'not_a_figure'
  | 'unknown_segment'
  | 'missing_period'
  | 'invalid_period'
  | 'wrong_period_type'
  | 'outside_year'
  | 'future_period'
  | 'locked'
  | 'missing_number'
  | 'not_a_number'
  | 'negative'
  | 'not_whole'
  | 'out_of_range'
  | 'implausible'
  | 'numerator_exceeds_denominator'
  | 'zero_denominator'
  | 'value_on_ratio'
  | 'ratio_fields_on_non_ratio'
  | 'duplicate'
  | 'comment_too_long'
  | 'outlier'
  | 'segments_sum'
  | 'werkladder_balance';

export interface FigureProblem extends Problem {
  code: FigureProblemCode;
}

/** What a delivery is judged against, apart from its rows and the figures already stored. */
export interface FigureValidationContext {
  dvoYear: number;
  indicators: readonly Indicator[];
  /**
   * Canonical periods that are vastgesteld; anything within them is refused. For a streamed file these
   * are the locks when the file started; `finish` re-checks against the locks of the write transaction.
   */
  lockedPeriods: readonly string[];
  /** YYYY-MM-DD; a period that starts after it lies in the future. */
  today: string;
  /** The file's field separator; decides how text numbers are read (see parseDutchNumber). */
  delimiter?: Delimiter;
  /** How many problems are kept as objects (default MAX_LISTED_ERRORS); the rest are only counted. */
  maxErrors?: number;
}

export interface ValidateFiguresInput extends FigureValidationContext {
  rows: readonly FigureRowInput[];
  /** The figures of this DVO as currently stored; only used for warnings. */
  existing: readonly FigureValue[];
}

export interface ValidateFiguresResult {
  /** The rows without errors; the caller stores nothing when `errors` is not empty. */
  figures: NormalizedFigure[];
  /** The first `maxErrors` problems by row; `errorCount` counts them all. */
  errors: FigureProblem[];
  errorCount: number;
  warnings: FigureProblem[];
  /** Template rows left empty (no number, no toelichting): not delivered, not an error. */
  skipped: number;
}

export function textOf(cell: RawCell): string | null {
  if (typeof cell === 'string') {
    const text = cell.trim();
    return text === '' ? null : text;
  }
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

/**
 * Counts a problem and keeps it while fewer than `maxErrors` are kept; `message` is only built then,
 * so a file of a million errors costs no million messages (nor typo suggestions).
 */
export function report(
  ctx: Context,
  code: FigureProblemCode,
  row: number | undefined,
  column: string | undefined,
  message: () => string,
): void {
  ctx.errorCount += 1;
  if (ctx.errors.length < ctx.maxErrors) ctx.errors.push(problem(code, message(), row, column));
}

export function inDvoYear(ctx: Context, canonical: string): boolean {
  return parsePeriod(canonical)?.year === ctx.dvoYear;
}

export function problem(code: FigureProblemCode, message: string, row?: number, column?: string): FigureProblem {
  const p: FigureProblem = { code, message };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  return p;
}

/** The key a delivery may hold once: (indicator, period, segment), segment null for the total. */
export function figureKey(indicator: string, period: string, segment: string | null): string {
  return `${indicator}\u0000${period}\u0000${segment ?? ''}`;
}

export function keyOf(f: { indicator: string; period: string; segment: string | null }): string {
  return figureKey(f.indicator, f.period, f.segment);
}

/** A figure for a message: the agreement by name, its period as the file writes it, the segment in words. */
export function describe(name: string, period: string, segment: string | null): string {
  return `${name} ${period} (${formatSegment(segment)})`;
}

export interface Context {
  dvoYear: number;
  delimiter: Delimiter;
  indicators: ReadonlyMap<string, Indicator>;
  locked: Period[];
  todayMonth: number;
  /** The first `maxErrors` problems in the order found. */
  errors: FigureProblem[];
  /** Every problem found, listed or not. */
  errorCount: number;
  maxErrors: number;
  /** Per indicator code, the segments it accepts; built on first use. */
  segments: Map<string, AllowedSegments>;
  /** Period texts as read before: a file repeats the same few periods on every row. */
  periods: Map<string, PeriodReading>;
  /**
   * Rows refused because their period is vastgesteld, per lock (canonical): reported once per lock
   * when the delivery is finished, not once per row (a month's template has some 50 rows).
   */
  lockedRows: Map<string, LockedRows>;
  /** Every row refused for a lock, so the accumulation knows the row was not valid. */
  lockedRowCount: number;
}

export interface LockedRows {
  lock: Period;
  /** The first row (as messages name it) and column name; undefined for figures not from a file. */
  firstRow: number | undefined;
  lastRow: number | undefined;
  column: string;
  count: number;
}

export interface AllowedSegments {
  list: readonly string[];
  set: ReadonlySet<string>;
}

/** A period text read and judged against the DVO year, today and the locks (all fixed per delivery). */
export interface PeriodReading {
  canonical: string | null;
  period: Period | null;
  outsideYear: boolean;
  future: boolean;
  lock: Period | undefined;
}
