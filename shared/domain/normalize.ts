import { formatPeriod, type Period } from './periods.ts';

/** The field separators an import file may use (interface.md §3). */
export type Delimiter = ',' | ';' | '\t';

export type ParsedNumber = { value: number; reason?: undefined } | { value: null; reason: string };

// Digits with optional groups of three behind a thousands separator, then an optional fraction.
const DECIMAL_COMMA = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
const DECIMAL_POINT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const WHOLE_NUMBER = /^\d+$/;

/**
 * Reads a number as Dutch Excel writes it. A `;`-separated file is what Dutch Excel saves, so there
 * the comma is the decimal separator and the dot groups thousands (`1.234,5`). In a `,`- or
 * tab-separated file it is the other way round (`1,234.5`). A string that fits neither reading
 * (`12.5` in a `;` file, `12,5` in a `,` file) is refused rather than guessed, so a value is never
 * silently off by a factor 1000. A leading `€` and surrounding spaces are allowed.
 */
export function parseDutchNumber(text: string, delimiter: Delimiter): ParsedNumber {
  // the common case, read the same in every file: a whole number without separators
  if (WHOLE_NUMBER.test(text)) return { value: Number(text) };
  let rest = text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (rest === '') return { value: null, reason: 'leeg' };
  // A sign, a euro sign, or both in either order (`-€ 12,5`, `€ -12,5`).
  const prefix = /^(?:([-−+]) ?)?(?:€ ?)?/.exec(rest)?.[0] ?? '';
  let signs = prefix.replace(/[€ ]/g, '');
  rest = rest.slice(prefix.length);
  if (prefix.includes('€') && signs === '' && /^[-−]/.test(rest)) {
    signs = '-';
    rest = rest.slice(1);
  }
  const sign = signs === '-' || signs === '−' ? -1 : 1;
  const decimalComma = delimiter === ';';
  const match = (decimalComma ? DECIMAL_COMMA : DECIMAL_POINT).exec(rest);
  if (!match) {
    if (decimalComma && /^\d+\.\d+$/.test(rest))
      return { value: null, reason: 'in een bestand met puntkomma’s is de komma het decimaalteken' };
    if (!decimalComma && /^\d+,\d+$/.test(rest))
      return { value: null, reason: 'in een bestand met komma’s of tabs is de punt het decimaalteken' };
    return { value: null, reason: 'geen getal' };
  }
  const whole = (match[1] as string).replace(/[.,]/g, '');
  const fraction = match[2];
  const value = sign * Number(fraction === undefined ? whole : `${whole}.${fraction}`);
  return Object.is(value, -0) ? { value: 0 } : { value };
}

const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'januari', 'jan', 'january'],
      [2, 'februari', 'feb', 'febr', 'february'],
      [3, 'maart', 'mrt', 'mar', 'maa', 'march'],
      [4, 'april', 'apr'],
      [5, 'mei', 'may'],
      [6, 'juni', 'jun', 'june'],
      [7, 'juli', 'jul', 'july'],
      [8, 'augustus', 'aug', 'august'],
      [9, 'september', 'sep', 'sept'],
      [10, 'oktober', 'okt', 'oct', 'october'],
      [11, 'november', 'nov'],
      [12, 'december', 'dec'],
    ] as const
  ).flatMap(([month, ...names]) => names.map((name) => [name, month] as const)),
);

/** The Dutch month names and the abbreviations Dutch Excel uses (`mrt`, `okt`), in month order. */
export const DUTCH_MONTH_NAMES = [
  ['januari', 'jan'],
  ['februari', 'feb'],
  ['maart', 'mrt'],
  ['april', 'apr'],
  ['mei', 'mei'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['augustus', 'aug'],
  ['september', 'sep'],
  ['oktober', 'okt'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;

function fullYear(text: string): number {
  const digits = text.replace(/^'/, '');
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function month(year: number, index: number): Period | null {
  return index >= 1 && index <= 12 ? { type: 'M', year, index } : null;
}

function dayOfMonth(year: number, index: number, day: number): Period | null {
  if (index < 1 || index > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return day <= daysInMonth ? { type: 'M', year, index } : null;
}

function namedMonth(name: string, year: number): Period | null {
  const index = MONTHS.get(name);
  return index === undefined ? null : { type: 'M', year, index };
}

type PeriodPattern = [RegExp, (m: RegExpExecArray) => Period | null];

// Lowercased, whitespace collapsed. Dates are day-month-year as Dutch Excel writes them.
const PATTERNS: PeriodPattern[] = [
  [/^(\d{4})$/, (m) => ({ type: 'Y', year: Number(m[1]) })],
  [/^(\d{4}) ?[-/ ]? ?[qk]([1-4])$/, (m) => ({ type: 'Q', year: Number(m[1]), index: Number(m[2]) })],
  [/^[qk]([1-4]) ?[-/ ]? ?(\d{4})$/, (m) => ({ type: 'Q', year: Number(m[2]), index: Number(m[1]) })],
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => month(Number(m[1]), Number(m[2]))],
  [/^(\d{1,2})[-/.](\d{4})$/, (m) => month(Number(m[2]), Number(m[1]))],
  [/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/, (m) => dayOfMonth(Number(m[1]), Number(m[2]), Number(m[3]))],
  [
    /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
    (m) => dayOfMonth(fullYear(m[4] as string), Number(m[3]), Number(m[1])),
  ],
  [/^([a-z]+)\.? ?[-/ ]? ?('?\d{2}|\d{4})$/, (m) => namedMonth(m[1] as string, fullYear(m[2] as string))],
  [/^(\d{4}) ?[-/ ]? ?([a-z]+)\.?$/, (m) => namedMonth(m[2] as string, Number(m[1]))],
  [/^(\d{1,2})[- ]([a-z]+)\.?[- ](\d{4}|\d{2})$/, (m) => namedMonth(m[2] as string, fullYear(m[3] as string))],
];

/**
 * Turns a period as users and Excel write it into the canonical `YYYY-MM`, `YYYY-Qn` or `YYYY`:
 * `2024-3`, `1-3-2024` (Dutch day-month-year; `/` and `.` work too), `mrt-24`, `maart 2024`,
 * `Q1 2024`, `2024 K1`, and an XLSX date cell (its month, read in UTC as exceljs produces it).
 * A date means the month it falls in, whatever the day. Returns null for anything else.
 */
export function normalizePeriod(raw: string | Date): string | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return formatPeriod({ type: 'M', year: raw.getUTCFullYear(), index: raw.getUTCMonth() + 1 });
  }
  const text = raw
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
  for (const [pattern, toPeriod] of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const period = toPeriod(match);
    return period && period.year >= 1900 && period.year <= 2999 ? formatPeriod(period) : null;
  }
  return null;
}

const DUTCH = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 4 });

/** A number as a Dutch reader expects it in a message: `1.234,5`. */
export function formatDutchNumber(value: number): string {
  return DUTCH.format(value);
}
