import type { Frequency, Indicator, Unit } from '../contracts/catalogue.ts';
import type { FigureValue, Problem } from '../contracts/figures.ts';
import { closest, shorten } from './closest.ts';
import { DUTCH_COLUMN_NAMES, type FigureField } from './delivery-columns.ts';
import { type Delimiter, formatDutchNumber, normalizePeriod, parseDutchNumber } from './normalize.ts';
import { formatPeriod, monthSpan, type Period, parsePeriod, periodContains } from './periods.ts';

export { DUTCH_COLUMN_NAMES, FIGURE_FIELDS, type FigureField } from './delivery-columns.ts';

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

export interface NormalizedFigure {
  indicator: string;
  /** Canonical: `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  period: string;
  /** null is the total. */
  segment: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
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

/** The werkladder indicators whose stock per step must balance with the movements between steps. */
export const WERKLADDER = { distribution: 'wsw_werkladder_verdeling', movements: 'wsw_werkladder_bewegingen' } as const;

const MAX_COMMENT_LENGTH = 4000;

/** A broken file can hold millions of problems; this many are listed, the rest counted (decision 0012). */
export const MAX_LISTED_ERRORS = 1000;

/**
 * The largest plausible number per unit (decision 0012): generous for any Dutch gemeente, yet far
 * below where a typo, a pasted ID or an overflow (1e308, `Infinity`) lands. A mark (cijfer) has its
 * own rule, 1 to 10.
 */
export const PLAUSIBLE_MAX: Readonly<Record<Exclude<Unit, 'cijfer'>, number>> = {
  aantal: 10_000_000,
  euro: 10_000_000_000,
  fte: 100_000,
  procent: 1_000,
};
/** Numerator and denominator of a ratio count people or euros; the larger bound of the two. */
export const PLAUSIBLE_RATIO_PART_MAX = PLAUSIBLE_MAX.euro;
const UNIT_WORDS: Readonly<Record<Exclude<Unit, 'cijfer'>, string>> = {
  aantal: 'een aantal',
  euro: 'een bedrag in euro',
  fte: 'een aantal fte',
  procent: 'een percentage',
};
/** No period is written longer than this (`september 2024`); longer text is not read at all. */
const MAX_PERIOD_TEXT = 40;
const FREQUENCY_WORDS: Record<Frequency, { noun: string; pattern: string }> = {
  M: { noun: 'maand', pattern: 'JJJJ-MM' },
  Q: { noun: 'kwartaal', pattern: 'JJJJ-Qn' },
  Y: { noun: 'jaar', pattern: 'JJJJ' },
};
const NUMBER_LABELS = { value: 'Waarde', numerator: 'Teller', denominator: 'Noemer' } as const;
type NumberField = keyof typeof NUMBER_LABELS;

function textOf(cell: RawCell): string | null {
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
function report(
  ctx: Context,
  code: FigureProblemCode,
  row: number | undefined,
  column: string | undefined,
  message: () => string,
): void {
  ctx.errorCount += 1;
  if (ctx.errors.length < ctx.maxErrors) ctx.errors.push(problem(code, message(), row, column));
}

function inDvoYear(ctx: Context, canonical: string): boolean {
  return parsePeriod(canonical)?.year === ctx.dvoYear;
}

function problem(code: FigureProblemCode, message: string, row?: number, column?: string): FigureProblem {
  const p: FigureProblem = { code, message };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  return p;
}

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

/** The key a delivery may hold once: (indicator, period, segment), segment null for the total. */
export function figureKey(indicator: string, period: string, segment: string | null): string {
  return `${indicator}\u0000${period}\u0000${segment ?? ''}`;
}

function keyOf(f: { indicator: string; period: string; segment: string | null }): string {
  return figureKey(f.indicator, f.period, f.segment);
}

function describe(indicator: string, period: string, segment: string | null): string {
  return `${indicator} ${period} (${segment ?? 'totaal'})`;
}

function previousPeriod(p: Period): Period {
  if (p.type === 'Y') return { type: 'Y', year: p.year - 1 };
  const index = p.index as number;
  if (index > 1) return { type: p.type, year: p.year, index: index - 1 };
  return { type: p.type, year: p.year - 1, index: p.type === 'M' ? 12 : 4 };
}

/** `from>to` segments of the werkladder movements: both ends must be steps of the distribution. */
function movementSegments(indicators: ReadonlyMap<string, Indicator>): string[] {
  const steps = indicators.get(WERKLADDER.distribution)?.segments ?? [];
  return steps.flatMap((from) => steps.filter((to) => to !== from).map((to) => `${from}>${to}`));
}

interface Context {
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
}

interface AllowedSegments {
  list: readonly string[];
  set: ReadonlySet<string>;
}

/** A period text read and judged against the DVO year, today and the locks (all fixed per delivery). */
interface PeriodReading {
  canonical: string | null;
  period: Period | null;
  outsideYear: boolean;
  future: boolean;
  lock: Period | undefined;
}

/** Distinct period texts remembered; a file with more (only a broken one) reads the rest again. */
const PERIOD_CACHE_LIMIT = 256;

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
    indicators: new Map(context.indicators.map((i) => [i.code, i])),
    locked: parsePeriods(context.lockedPeriods),
    todayMonth: Number(today[1]) * 12 + Number(today[2]),
    errors: [],
    errorCount: 0,
    maxErrors: context.maxErrors ?? MAX_LISTED_ERRORS,
    segments: new Map(),
    periods: new Map(),
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
      const normalized = validateRow(ctx, row);
      if (!normalized) return;
      const valid = ctx.errorCount === errorsBefore;
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
      } else {
        const { indicator, period, segment } = normalized;
        report(
          ctx,
          'duplicate',
          row.row,
          undefined,
          () =>
            `${describe(indicator, period, segment)} staat twee keer in het bestand: rij ${first.label} en rij ${label}`,
        );
      }
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
      if (lockedPeriods) {
        const locked = newlyLocked(ctx, entries, parsePeriods(lockedPeriods));
        errors.push(...locked);
        errorCount += locked.length;
      }
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
 * Locks set after the rows were checked: every kept key in such a period is refused, at the row that
 * first delivered it. Locks lifted meanwhile are not undone: their rows were refused when read, and
 * delivering the file again settles it.
 */
function newlyLocked(ctx: Context, entries: ReadonlyMap<string, KeyEntry>, locks: readonly Period[]): FigureProblem[] {
  const known = new Set(ctx.locked.map(formatPeriod));
  const added = locks.filter((lock) => !known.has(formatPeriod(lock)));
  if (added.length === 0) return [];
  const problems: FigureProblem[] = [];
  for (const entry of entries.values()) {
    const period = parsePeriod(entry.period);
    // a row in a period locked from the start was refused when it was read
    if (!period || ctx.locked.some((l) => periodContains(l, period))) continue;
    const lock = added.find((l) => periodContains(l, period));
    if (!lock) continue;
    problems.push(
      problem('locked', lockedMessage(entry.period, lock), entry.label, columnName(entry.columns, 'period')),
    );
  }
  return problems;
}

function lockedMessage(canonical: string, lock: Period): string {
  const lockName = formatPeriod(lock);
  return lockName === canonical
    ? `Periode ${canonical} is vastgesteld en kan niet worden gewijzigd`
    : `Periode ${canonical} valt in de vastgestelde periode ${lockName} en kan niet worden gewijzigd`;
}

/**
 * A row of the delivery template that was left empty (indicator and period, but no number and no
 * toelichting): not delivered, so skipped rather than refused. A row with only a toelichting is
 * still an error, because it says something was meant to be delivered.
 */
function isUnfilledTemplateRow(figure: RawFigure): boolean {
  return (
    textOf(figure.value) === null &&
    textOf(figure.numerator) === null &&
    textOf(figure.denominator) === null &&
    textOf(figure.comment) === null
  );
}

function columnName(columns: FigureRowInput['columns'], field: FigureField): string {
  if (!columns) return field;
  return columns[field] ?? DUTCH_COLUMN_NAMES[field];
}

/**
 * The checks of one row. A class rather than closures per row: creating closures for every row of a
 * large delivery showed up in the import benchmark.
 */
class RowCheck {
  constructor(
    private readonly ctx: Context,
    private readonly input: FigureRowInput,
  ) {}

  column(field: FigureField): string {
    return columnName(this.input.columns, field);
  }

  fail(code: FigureProblemCode, field: FigureField | undefined, message: string | (() => string)): void {
    const ctx = this.ctx;
    ctx.errorCount += 1;
    // past the listed ones a problem is only counted: no message, no column name
    if (ctx.errors.length >= ctx.maxErrors) return;
    const text = typeof message === 'string' ? message : message();
    ctx.errors.push(problem(code, text, this.input.row, field === undefined ? undefined : this.column(field)));
  }

  present(field: NumberField): boolean {
    return textOf(this.input.figure[field]) !== null;
  }

  /** Reads a number field into `numbers`, with every rule for counts; reports what is wrong. */
  read(
    numbers: Record<NumberField, number | null>,
    indicator: Indicator | undefined,
    field: NumberField,
    required: boolean,
  ): void {
    const cell = this.input.figure[field];
    const text = textOf(cell);
    if (text === null) {
      if (required) this.fail('missing_number', field, () => `${NUMBER_LABELS[field]} ontbreekt`);
      return;
    }
    const value = readNumber(this.ctx, field, cell, text, this);
    if (value === null) return;
    if (value < 0) {
      this.fail(
        'negative',
        field,
        () => `${NUMBER_LABELS[field]} mag niet negatief zijn (${formatDutchNumber(value)})`,
      );
      return;
    }
    const max = plausibleMax(indicator, field);
    // `!(value <= max)` also catches NaN; Infinity (400 digits) is larger than any bound
    if (max !== null && !(value <= max)) {
      const what =
        indicator?.unit && indicator.unit !== 'cijfer' && field === 'value' ? UNIT_WORDS[indicator.unit] : 'een getal';
      this.fail(
        'implausible',
        field,
        () =>
          `${NUMBER_LABELS[field]} ${showNumber(value, cell)} is groter dan kan voor ${what} (hoogstens ${formatDutchNumber(max)})`,
      );
      return;
    }
    if (indicator?.unit === 'aantal' && !Number.isInteger(value)) {
      this.fail(
        'not_whole',
        field,
        () => `${NUMBER_LABELS[field]} moet een geheel aantal zijn (${formatDutchNumber(value)})`,
      );
      return;
    }
    numbers[field] = value;
  }
}

/** The largest plausible number for `field` of `indicator`; null when another rule bounds it (a mark). */
function plausibleMax(indicator: Indicator | undefined, field: NumberField): number | null {
  if (!indicator || field !== 'value' || indicator.kind === 'ratio') return PLAUSIBLE_RATIO_PART_MAX;
  if (indicator.unit === 'cijfer') return null;
  return indicator.unit ? PLAUSIBLE_MAX[indicator.unit] : PLAUSIBLE_RATIO_PART_MAX;
}

/** A number as the user wrote it when it was text (cut short), else in Dutch notation or, when huge, as 1e+308. */
function showNumber(value: number, cell: RawCell): string {
  if (typeof cell === 'string') return `'${shorten(cell.trim(), 30)}'`;
  return Math.abs(value) < 1e15 ? formatDutchNumber(value) : String(value);
}

/**
 * Validates one row. Returns the normalised figure when the row identifies one (known indicator,
 * readable period), valid or not, so duplicates are found even among faulty rows; it is valid when
 * the row added no errors.
 */
function validateRow(ctx: Context, input: FigureRowInput): NormalizedFigure | null {
  const { row, figure } = input;
  const check = new RowCheck(ctx, input);

  const code = textOf(figure.indicator)?.toLowerCase() ?? null;
  const indicator = code === null ? undefined : ctx.indicators.get(code);
  if (code === null) check.fail('missing_indicator', 'indicator', 'Indicator ontbreekt');
  else if (!indicator) {
    check.fail('unknown_indicator', 'indicator', () => {
      const suggestion = closest(code, [...ctx.indicators.keys()]);
      const unknown = `Onbekende indicator '${shorten(code)}'`;
      return suggestion ? `${unknown}. Bedoelt u '${suggestion}'?` : unknown;
    });
  } else if (indicator.kind === 'qualitative' || indicator.kind === 'milestone') {
    const what = indicator.kind === 'qualitative' ? 'een kwalitatieve afspraak' : 'een mijlpaal';
    check.fail('not_a_figure', 'indicator', () => `${code} is ${what} en wordt niet als cijfer geleverd`);
  }
  const deliverable = indicator !== undefined && indicator.kind !== 'qualitative' && indicator.kind !== 'milestone';

  const segment = validateSegment(ctx, indicator, figure.segment, check);
  const period = validatePeriod(ctx, indicator, figure.period, check);

  const numbers = { value: null, numerator: null, denominator: null } as Record<NumberField, number | null>;
  if (!indicator) {
    // The indicator is unknown, but a wrong number is still worth reporting in the same pass.
    for (const field of ['value', 'numerator', 'denominator'] as const) check.read(numbers, indicator, field, false);
  } else if (deliverable && indicator.kind === 'ratio') {
    if (check.present('value'))
      check.fail('value_on_ratio', 'value', () => `${code} is een ratio: lever teller en noemer, geen waarde`);
    check.read(numbers, indicator, 'numerator', true);
    check.read(numbers, indicator, 'denominator', true);
    const { numerator, denominator } = numbers;
    if (denominator === 0) {
      check.fail('zero_denominator', 'denominator', 'Noemer is 0; de noemer moet groter dan 0 zijn');
    } else if (numerator !== null && denominator !== null && numerator > denominator) {
      check.fail(
        'numerator_exceeds_denominator',
        'numerator',
        () => `Teller (${formatDutchNumber(numerator)}) is groter dan noemer (${formatDutchNumber(denominator)})`,
      );
    }
  } else if (deliverable) {
    for (const field of ['numerator', 'denominator'] as const) {
      if (check.present(field))
        check.fail(
          'ratio_fields_on_non_ratio',
          field,
          () => `${code} is geen ratio: lever een waarde, geen ${DUTCH_COLUMN_NAMES[field]}`,
        );
    }
    check.read(numbers, indicator, 'value', true);
    const { value } = numbers;
    if (indicator.unit === 'cijfer' && value !== null && (value < 1 || value > 10))
      check.fail('out_of_range', 'value', () => `Een cijfer ligt tussen 1 en 10 (${formatDutchNumber(value)})`);
  }

  const comment = textOf(figure.comment)?.replace(/\r\n?/g, '\n') ?? null;
  if (comment !== null && comment.length > MAX_COMMENT_LENGTH)
    check.fail('comment_too_long', 'comment', () => `Toelichting is langer dan ${MAX_COMMENT_LENGTH} tekens`);

  if (!indicator || !deliverable || period === null || segment === undefined) return null;
  const normalized: NormalizedFigure = {
    indicator: indicator.code,
    period,
    segment,
    value: numbers.value,
    numerator: numbers.numerator,
    denominator: numbers.denominator,
    comment,
  };
  if (row !== undefined) normalized.row = row;
  return normalized;
}

interface Fail {
  /** `message` as a function when building it costs something (a typo suggestion): only called when listed. */
  fail(code: FigureProblemCode, field: FigureField | undefined, message: string | (() => string)): void;
}

/** undefined: the segment is wrong (or the indicator unknown); null: the total. */
function validateSegment(
  ctx: Context,
  indicator: Indicator | undefined,
  cell: RawCell,
  fail: Fail,
): string | null | undefined {
  const segment = textOf(cell)?.toLowerCase() ?? null;
  if (segment === null) return null;
  if (!indicator || indicator.kind === 'qualitative' || indicator.kind === 'milestone') return undefined;
  const allowed = allowedSegments(ctx, indicator);
  if (allowed.set.has(segment)) return segment;
  return refuseSegment(indicator, segment, allowed.list, fail);
}

function allowedSegments(ctx: Context, indicator: Indicator): AllowedSegments {
  let allowed = ctx.segments.get(indicator.code);
  if (!allowed) {
    const list =
      indicator.code === WERKLADDER.movements
        ? [...new Set([...indicator.segments, ...movementSegments(ctx.indicators)])]
        : indicator.segments;
    allowed = { list, set: new Set(list) };
    ctx.segments.set(indicator.code, allowed);
  }
  return allowed;
}

function refuseSegment(indicator: Indicator, segment: string, allowed: readonly string[], fail: Fail): undefined {
  if (allowed.length === 0) {
    fail.fail('unknown_segment', 'segment', () => `${indicator.code} heeft geen segmenten; laat segment leeg`);
    return undefined;
  }
  fail.fail('unknown_segment', 'segment', () => {
    const unknown = `Onbekend segment '${shorten(segment)}' voor ${indicator.code}`;
    if (segment === 'totaal' || segment === 'total') return `${unknown}; laat segment leeg voor het totaal`;
    const suggestion = closest(segment, allowed);
    return suggestion ? `${unknown}. Bedoelt u '${suggestion}'?` : unknown;
  });
  return undefined;
}

/** Returns the canonical period when it could be read, even if it breaks a rule (for duplicates). */
function validatePeriod(ctx: Context, indicator: Indicator | undefined, cell: RawCell, fail: Fail): string | null {
  const raw = cell instanceof Date ? cell : textOf(cell);
  if (raw === null) {
    fail.fail('missing_period', 'period', 'Periode ontbreekt');
    return null;
  }
  const reading = typeof raw === 'string' ? readPeriodText(ctx, raw) : readPeriod(ctx, raw);
  const { canonical, period } = reading;
  if (canonical === null || period === null) {
    fail.fail(
      'invalid_period',
      'period',
      () => `Periode '${shorten(textOf(cell) ?? '')}' is niet herkend (gebruik JJJJ-MM, JJJJ-Qn of JJJJ)`,
    );
    return null;
  }
  if (indicator && (indicator.kind === 'qualitative' || indicator.kind === 'milestone')) return canonical;
  if (indicator && indicator.frequency !== period.type) {
    const expected = FREQUENCY_WORDS[indicator.frequency];
    fail.fail(
      'wrong_period_type',
      'period',
      () =>
        `${indicator.code} wordt per ${expected.noun} geleverd (${expected.pattern}), niet per ${FREQUENCY_WORDS[period.type].noun}`,
    );
  }
  if (reading.outsideYear) {
    fail.fail('outside_year', 'period', () => `Periode ${canonical} valt buiten het DVO-jaar ${ctx.dvoYear}`);
  } else if (reading.future) {
    fail.fail('future_period', 'period', () => `Periode ${canonical} ligt in de toekomst`);
  }
  if (reading.lock) fail.fail('locked', 'period', lockedMessage(canonical, reading.lock));
  return canonical;
}

function readPeriodText(ctx: Context, text: string): PeriodReading {
  if (text.length > MAX_PERIOD_TEXT)
    return { canonical: null, period: null, outsideYear: false, future: false, lock: undefined };
  let reading = ctx.periods.get(text);
  if (!reading) {
    reading = readPeriod(ctx, text);
    if (ctx.periods.size >= PERIOD_CACHE_LIMIT) ctx.periods.clear();
    ctx.periods.set(text, reading);
  }
  return reading;
}

function readPeriod(ctx: Context, raw: string | Date): PeriodReading {
  const canonical = normalizePeriod(raw);
  const period = canonical === null ? null : parsePeriod(canonical);
  if (canonical === null || period === null)
    return { canonical, period, outsideYear: false, future: false, lock: undefined };
  const outsideYear = period.year !== ctx.dvoYear;
  return {
    canonical,
    period,
    outsideYear,
    future: !outsideYear && period.year * 12 + monthSpan(period).first > ctx.todayMonth,
    lock: ctx.locked.find((l) => periodContains(l, period)),
  };
}

/** `text` is textOf(cell), not null. */
function readNumber(ctx: Context, field: NumberField, cell: RawCell, text: string, fail: Fail): number | null {
  const label = NUMBER_LABELS[field];
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return cell;
    fail.fail('not_a_number', field, () => `${label} is geen getal`);
    return null;
  }
  if (typeof cell !== 'string') {
    fail.fail('not_a_number', field, () => `${label} '${shorten(text)}' is geen getal`);
    return null;
  }
  const parsed = parseDutchNumber(text, ctx.delimiter);
  if (parsed.value !== null) return parsed.value;
  const reason = parsed.reason === 'geen getal' ? '' : ` (${parsed.reason})`;
  fail.fail('not_a_number', field, () => `${label} '${shorten(text)}' is geen getal${reason}`);
  return null;
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
function collectWarnings(
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
    const series_ = `${f.indicator}${f.segment ? ` (${f.segment})` : ''}`;
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
      const { indicator: code, period } = total;
      warnings.push(
        warn(
          'segments_sum',
          `${label} ${code} ${period} (${formatDutchNumber(totalValue)}) wijkt af van de som van de segmenten (${formatDutchNumber(sum)})`,
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
          `Werkladder ${step} ${periodText} sluit niet aan op de bewegingen: ${n(before.value)} (${previous}) + ${n(inflow)} in − ${n(outflow)} uit = ${n(expected)}, maar de verdeling geeft ${n(current.value)}`,
          row,
          'value',
        ),
      );
    }
  }
  return warnings;
}
