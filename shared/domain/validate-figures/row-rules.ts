/** Row rules: one row of a delivery → a normalised figure or its problems, including the plausible bounds (decision 0012). */
import type { Indicator, PeriodType, Unit } from '../../contracts/catalogue.ts';
import { closest, shorten } from '../closest.ts';
import { DUTCH_COLUMN_NAMES, type FigureField } from '../delivery-columns.ts';
import { formatDutchNumber, normalizePeriod, parseDutchNumber } from '../normalize.ts';
import { formatPeriod, monthSpan, type Period, parsePeriod, periodContains, periodTypeOf } from '../periods.ts';
import { movementSegments, WERKLADDER } from '../werkladder.ts';
import {
  type AllowedSegments,
  type Context,
  type FigureProblem,
  type FigureProblemCode,
  type FigureRowInput,
  type LockedRows,
  type NormalizedFigure,
  type PeriodReading,
  problem,
  type RawCell,
  type RawFigure,
  textOf,
} from './context.ts';

const MAX_COMMENT_LENGTH = 4000;

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
const FREQUENCY_WORDS: Record<PeriodType, { noun: string; pattern: string }> = {
  M: { noun: 'maand', pattern: 'JJJJ-MM' },
  Q: { noun: 'kwartaal', pattern: 'JJJJ-Qn' },
  Y: { noun: 'jaar', pattern: 'JJJJ' },
};
const NUMBER_LABELS = { value: 'Waarde', numerator: 'Teller', denominator: 'Noemer' } as const;
type NumberField = keyof typeof NUMBER_LABELS;

/** Distinct period texts remembered; a file with more (only a broken one) reads the rest again. */
const PERIOD_CACHE_LIMIT = 256;

/**
 * A row of the delivery template that was left empty (indicator and period, but no number and no
 * toelichting): not delivered, so skipped rather than refused. A row with only a toelichting is
 * still an error, because it says something was meant to be delivered.
 */
export function isUnfilledTemplateRow(figure: RawFigure): boolean {
  return (
    textOf(figure.value) === null &&
    textOf(figure.numerator) === null &&
    textOf(figure.denominator) === null &&
    textOf(figure.comment) === null
  );
}

export function columnName(columns: FigureRowInput['columns'], field: FigureField): string {
  if (!columns) return field;
  return columns[field] ?? DUTCH_COLUMN_NAMES[field];
}

/*
 * The messages of the row rules, each built only when it is listed (a broken file has far more problems
 * than are listed). Each is made by a function of its own: a message closure written inside a rule
 * made that rule allocate a context for the values it captures on every row, problem or not (in the
 * bench:import CPU profile validateRow took 1.4–1.6 times the old eager-message code's time, 1.2 times
 * with the messages made here; a closure made here costs only on a row that fails).
 */
const missingNumber = (field: NumberField) => () => `${NUMBER_LABELS[field]} ontbreekt`;
const negative = (field: NumberField, value: number) => () =>
  `${NUMBER_LABELS[field]} mag niet negatief zijn (${formatDutchNumber(value)})`;
const implausible =
  (indicator: Indicator | undefined, field: NumberField, value: number, cell: RawCell, max: number) => () => {
    const what =
      indicator?.unit && indicator.unit !== 'cijfer' && field === 'value' ? UNIT_WORDS[indicator.unit] : 'een getal';
    return `${NUMBER_LABELS[field]} ${showNumber(value, cell)} is groter dan kan voor ${what} (hoogstens ${formatDutchNumber(max)})`;
  };
const notWhole = (field: NumberField, value: number) => () =>
  `${NUMBER_LABELS[field]} moet een geheel aantal zijn (${formatDutchNumber(value)})`;
const unknownIndicator = (ctx: Context, code: string) => () => {
  const suggestion = closest(code, [...ctx.indicators.keys()]);
  const unknown = `Onbekende indicator '${shorten(code)}'`;
  return suggestion ? `${unknown}. Bedoelt u '${suggestion}'?` : unknown;
};
const notAFigure = (indicator: Indicator) => () =>
  `${indicator.name} is ${indicator.kind === 'qualitative' ? 'een kwalitatieve afspraak' : 'een mijlpaal'} en wordt niet als cijfer geleverd`;
const valueOnRatio = (indicator: Indicator) => () =>
  `${indicator.name} is een ratio: lever teller en noemer, geen waarde`;
const numeratorExceedsDenominator = (numerator: number, denominator: number) => () =>
  `Teller (${formatDutchNumber(numerator)}) is groter dan noemer (${formatDutchNumber(denominator)})`;
const ratioFieldsOnNonRatio = (indicator: Indicator, field: 'numerator' | 'denominator') => () =>
  `${indicator.name} is geen ratio: lever een waarde, geen ${DUTCH_COLUMN_NAMES[field]}`;
const outOfRange = (value: number) => () => `Een cijfer ligt tussen 1 en 10 (${formatDutchNumber(value)})`;
const invalidPeriod = (cell: RawCell) => () =>
  `Periode '${shorten(textOf(cell) ?? '')}' is niet herkend (gebruik JJJJ-MM, JJJJ-Qn of JJJJ)`;
const wrongPeriodType = (indicator: Indicator, delivered: PeriodType) => () => {
  if (indicator.frequency === 'once')
    return `${indicator.name} wordt één keer gemeten, over ${indicator.duePeriod}; lever het als periode ${indicator.duePeriod}`;
  const expected = FREQUENCY_WORDS[periodTypeOf(indicator)];
  return `${indicator.name} wordt per ${expected.noun} geleverd (${expected.pattern}), niet per ${FREQUENCY_WORDS[delivered].noun}`;
};
const wrongOncePeriod = (indicator: Indicator, canonical: string) => () =>
  `${indicator.name} wordt één keer gemeten, over ${indicator.duePeriod}; lever het als periode ${indicator.duePeriod}, niet ${canonical}`;
const outsideYear = (canonical: string, dvoYear: number) => () =>
  `Periode ${canonical} valt buiten het DVO-jaar ${dvoYear}`;
const futurePeriod = (canonical: string) => () => `Periode ${canonical} ligt in de toekomst`;
const notANumber = (field: NumberField, text: string | null, reason: string) => () =>
  text === null
    ? `${NUMBER_LABELS[field]} is geen getal`
    : `${NUMBER_LABELS[field]} '${shorten(text)}' is geen getal${reason}`;

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

  refuseLocked(lock: Period): void {
    noteLockedRow(this.ctx, lock, this.input.row, this.column('period'));
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
      if (required) this.fail('missing_number', field, missingNumber(field));
      return;
    }
    const value = readNumber(this.ctx, field, cell, text, this);
    if (value === null) return;
    if (value < 0) {
      this.fail('negative', field, negative(field, value));
      return;
    }
    const max = plausibleMax(indicator, field);
    // `!(value <= max)` also catches NaN; Infinity (400 digits) is larger than any bound
    if (max !== null && !(value <= max)) {
      this.fail('implausible', field, implausible(indicator, field, value, cell, max));
      return;
    }
    if (indicator?.unit === 'aantal' && !Number.isInteger(value)) {
      this.fail('not_whole', field, notWhole(field, value));
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
export function validateRow(ctx: Context, input: FigureRowInput): NormalizedFigure | null {
  const { row, figure } = input;
  const check = new RowCheck(ctx, input);

  const code = textOf(figure.indicator)?.toLowerCase() ?? null;
  const indicator = code === null ? undefined : ctx.indicators.get(code);
  if (code === null) check.fail('missing_indicator', 'indicator', 'Indicator ontbreekt');
  else if (!indicator) check.fail('unknown_indicator', 'indicator', unknownIndicator(ctx, code));
  else if (indicator.kind === 'qualitative' || indicator.kind === 'milestone')
    check.fail('not_a_figure', 'indicator', notAFigure(indicator));
  const deliverable = indicator !== undefined && indicator.kind !== 'qualitative' && indicator.kind !== 'milestone';

  const segment = validateSegment(ctx, indicator, figure.segment, check);
  const period = validatePeriod(ctx, indicator, figure.period, check);

  const numbers = { value: null, numerator: null, denominator: null } as Record<NumberField, number | null>;
  if (!indicator) {
    // The indicator is unknown, but a wrong number is still worth reporting in the same pass.
    for (const field of ['value', 'numerator', 'denominator'] as const) check.read(numbers, indicator, field, false);
  } else if (deliverable && indicator.kind === 'ratio') {
    if (check.present('value')) check.fail('value_on_ratio', 'value', valueOnRatio(indicator));
    check.read(numbers, indicator, 'numerator', true);
    check.read(numbers, indicator, 'denominator', true);
    const { numerator, denominator } = numbers;
    if (denominator === 0) {
      check.fail('zero_denominator', 'denominator', 'Noemer is 0; de noemer moet groter dan 0 zijn');
    } else if (numerator !== null && denominator !== null && numerator > denominator) {
      check.fail('numerator_exceeds_denominator', 'numerator', numeratorExceedsDenominator(numerator, denominator));
    }
  } else if (deliverable) {
    for (const field of ['numerator', 'denominator'] as const) {
      if (check.present(field)) check.fail('ratio_fields_on_non_ratio', field, ratioFieldsOnNonRatio(indicator, field));
    }
    check.read(numbers, indicator, 'value', true);
    const { value } = numbers;
    if (indicator.unit === 'cijfer' && value !== null && (value < 1 || value > 10))
      check.fail('out_of_range', 'value', outOfRange(value));
  }

  const comment = textOf(figure.comment)?.replace(/\r\n?/g, '\n') ?? null;
  if (comment !== null && comment.length > MAX_COMMENT_LENGTH)
    check.fail('comment_too_long', 'comment', `Toelichting is langer dan ${MAX_COMMENT_LENGTH} tekens`);

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
  /** The row lies in a vastgestelde period: counted per lock, reported once per lock by `finish`. */
  refuseLocked(lock: Period): void;
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
    fail.fail('unknown_segment', 'segment', () => `${indicator.name} heeft geen segmenten; laat segment leeg`);
    return undefined;
  }
  fail.fail('unknown_segment', 'segment', () => {
    const unknown = `Onbekend segment '${shorten(segment)}' voor ${indicator.name}`;
    if (segment === 'totaal' || segment === 'total') return `${unknown}; laat segment leeg voor het totaal`;
    const suggestion = closest(segment, allowed);
    const valid = `Geldige segmenten: ${allowedList(allowed)}; leeg voor het totaal.`;
    return suggestion ? `${unknown}. Bedoelt u '${suggestion}'? ${valid}` : `${unknown}. ${valid}`;
  });
  return undefined;
}

/** The werkladder movements allow every pair of steps: past a dozen, the list names the first and the count. */
const MAX_LISTED_SEGMENTS = 12;

function allowedList(allowed: readonly string[]): string {
  if (allowed.length <= MAX_LISTED_SEGMENTS) return allowed.join(', ');
  return `${allowed.slice(0, MAX_LISTED_SEGMENTS).join(', ')} en ${allowed.length - MAX_LISTED_SEGMENTS} andere`;
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
    fail.fail('invalid_period', 'period', invalidPeriod(cell));
    return null;
  }
  if (indicator && (indicator.kind === 'qualitative' || indicator.kind === 'milestone')) return canonical;
  if (indicator && periodTypeOf(indicator) !== period.type) {
    fail.fail('wrong_period_type', 'period', wrongPeriodType(indicator, period.type));
  } else if (indicator?.frequency === 'once' && canonical !== indicator.duePeriod) {
    fail.fail('wrong_period_type', 'period', wrongOncePeriod(indicator, canonical));
  }
  if (reading.outsideYear) {
    fail.fail('outside_year', 'period', outsideYear(canonical, ctx.dvoYear));
  } else if (reading.future) {
    fail.fail('future_period', 'period', futurePeriod(canonical));
  }
  if (reading.lock) fail.refuseLocked(reading.lock);
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
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return cell;
    fail.fail('not_a_number', field, notANumber(field, null, ''));
    return null;
  }
  if (typeof cell !== 'string') {
    fail.fail('not_a_number', field, notANumber(field, text, ''));
    return null;
  }
  const parsed = parseDutchNumber(text, ctx.delimiter);
  if (parsed.value !== null) return parsed.value;
  const reason = parsed.reason === 'geen getal' ? '' : ` (${parsed.reason})`;
  fail.fail('not_a_number', field, notANumber(field, text, reason));
  return null;
}

/** Counts a row refused for `lock`; `lockedProblems` turns the counts into one problem per lock. */
export function noteLockedRow(ctx: Context, lock: Period, row: number | undefined, column: string): void {
  ctx.lockedRowCount += 1;
  const name = formatPeriod(lock);
  const seen = ctx.lockedRows.get(name);
  if (!seen) {
    ctx.lockedRows.set(name, { lock, firstRow: row, lastRow: row, column, count: 1 });
    return;
  }
  seen.count += 1;
  if (row !== undefined) {
    if (seen.firstRow === undefined || row < seen.firstRow) seen.firstRow = row;
    if (seen.lastRow === undefined || row > seen.lastRow) seen.lastRow = row;
  }
}

/** Who can lift a lock; said with every refusal, so the werkbedrijf knows whom to ask. */
export const REOPEN_HINT = 'Alleen de opdrachtgever of een beheerder kan deze periode heropenen.';

/**
 * One problem per vastgestelde period a delivery ran into, however many of its rows lie in it: at
 * the first such row, naming how many rows and which.
 */
export function lockedProblems(lockedRows: Iterable<LockedRows>): FigureProblem[] {
  const problems: FigureProblem[] = [];
  for (const hit of lockedRows) {
    const name = formatPeriod(hit.lock);
    const rows =
      hit.firstRow === undefined
        ? hit.count === 1
          ? 'Het cijfer daarin kan'
          : `De ${hit.count} cijfers daarin kunnen`
        : hit.count === 1
          ? `Rij ${hit.firstRow} valt erin en kan`
          : `${hit.count} rijen vallen erin (rij ${hit.firstRow} tot en met ${hit.lastRow}) en kunnen`;
    problems.push(
      problem(
        'locked',
        `Periode ${name} is vastgesteld. ${rows} daarom niet worden opgeslagen. ${REOPEN_HINT}`,
        hit.firstRow,
        hit.firstRow === undefined ? undefined : hit.column,
      ),
    );
  }
  return problems;
}
