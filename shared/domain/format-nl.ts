import type { Indicator, Norm, Unit } from '../contracts/catalogue.ts';
import { parsePeriod } from './periods.ts';

// Dutch display formats, shared by the client and the exports. Never used before comparing values.

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

// Building an Intl formatter costs far more than using one (a month screen formats thousands of
// numbers), so each option set is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('nl-NL', options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, maximumFractionDigits = 1): string {
  return numberFormat({ maximumFractionDigits }).format(value);
}

/**
 * A year-end forecast (actual / f): a forecast of a count is a number of people or events, so it is
 * shown whole ("367", not "366,7"); euros as euros; other units as their values.
 */
export function formatForecast(value: number | null | undefined, unit: Unit | null): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'aantal' || unit === null) {
    const whole = Math.round(value);
    // Math.round(-0,3) is -0, which Intl writes as "-0"
    return formatNumber(whole === 0 ? 0 : whole, 0);
  }
  return formatValue(value, unit);
}

/** 12,5% — one decimal for percentages (interface.md §5). */
export function formatPercent(value: number): string {
  return `${numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
}

/** € 982.500 (with the non-breaking space Intl uses). */
export function formatEuro(value: number): string {
  return numberFormat({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
}

export function formatValue(value: number | null | undefined, unit: Unit | null): string {
  if (value === null || value === undefined) return '–';
  switch (unit) {
    case 'procent':
      return formatPercent(value);
    case 'euro':
      return formatEuro(value);
    case 'fte':
      return `${formatNumber(value, 2)} fte`;
    case 'cijfer':
      return formatNumber(value, 1);
    default:
      return formatNumber(value, 1);
  }
}

/**
 * A delivered number exactly as it was typed, in its unit (€ 81.250,50, not the rounded € 81.251 of
 * formatValue): for the previews and histories where the team leader checks what was read.
 */
export function formatExactValue(value: number | null | undefined, unit: Unit | null): string {
  if (value === null || value === undefined) return '–';
  const exact = (v: number) => numberFormat({ maximumFractionDigits: 10 }).format(v);
  switch (unit) {
    case 'euro':
      return numberFormat({
        style: 'currency',
        currency: 'EUR',
        minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
        maximumFractionDigits: 10,
      }).format(value);
    case 'procent':
      return `${exact(value)}%`;
    case 'fte':
      return `${exact(value)} fte`;
    default:
      return exact(value);
  }
}

/** "juni 2024", "2e kwartaal 2024", "2024". */
export function formatPeriodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.type === 'M') return `${MONTHS[(p.index as number) - 1]} ${p.year}`;
  if (p.type === 'Q') return `${p.index}e kwartaal ${p.year}`;
  return String(p.year);
}

/** 2024-06-30 → "30 juni 2024" */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

function formatMargin(indicator: Indicator): string {
  if (indicator.margin === null || indicator.margin === 0) return '';
  if (indicator.unit === 'procent') return ` (marge ${formatNumber(indicator.margin)} procentpunt)`;
  if (indicator.unit === 'cijfer') return ` (marge ${formatNumber(indicator.margin)} punt)`;
  return ` (marge ${formatNumber(indicator.margin * 100)}%)`;
}

/**
 * The base of a relative norm by its agreement's name, never its code: `1/6 van “Instroom Groeien
 * per cohort”`. Without a name (a catalogue that lost its base) it says "de basisafspraak".
 */
export function relativeBaseText(factor: number, baseName: string | undefined): string {
  const fraction = Number.isInteger(1 / factor) ? `1/${1 / factor}` : formatNumber(factor, 3);
  return `${fraction} van ${baseName ? `“${baseName}”` : 'de basisafspraak'}`;
}

function normText(norm: Norm, unit: Unit | null, baseName: string | undefined): string {
  const v = (n: number) => formatValue(n, unit);
  switch (norm.basis) {
    case 'annual':
      return `${norm.kind === 'min' ? 'minimaal' : 'maximaal'} ${v(norm.value)} per jaar${norm.weights ? ' (gewogen verloop)' : ''}`;
    case 'period':
      if (norm.kind === 'range') return `tussen ${v(norm.min)} en ${v(norm.max)}`;
      return `${norm.kind === 'min' ? 'minimaal' : 'maximaal'} ${v(norm.value)}`;
    case 'relative':
      return `${norm.kind === 'min' ? 'minimaal' : 'maximaal'} ${relativeBaseText(norm.factor, 'baseIndicator' in norm ? baseName : norm.baseParameter.name)} per jaar`;
    case 'budget':
      return `budget ${v(norm.value)} voor ${norm.firstYear}–${norm.lastYear} samen (getoond, niet getoetst)`;
    case 'none':
      return norm.kind === 'monitor' ? 'volgen (geen norm)' : 'kwalitatief: status per kwartaal';
    case 'deadline':
      if (norm.recurring === 'quarterly')
        return `elk kwartaal, uiterlijk ${norm.daysAfterQuarterEnd} dagen na kwartaaleinde`;
      return norm.deadline ? `gereed uiterlijk ${formatDate(norm.deadline)}` : 'mijlpaal zonder datum (volgen)';
  }
}

/**
 * The norm in words, as a policy officer would say it: "minimaal 400 per jaar (marge 10%)". The
 * catalogue names the base of a relative norm (by its name, not its code).
 */
export function describeNorm(
  indicator: Indicator,
  catalogue: readonly Pick<Indicator, 'code' | 'name'>[] | ReadonlyMap<string, string>,
): string {
  const base =
    indicator.norm.basis === 'relative' && 'baseIndicator' in indicator.norm ? indicator.norm.baseIndicator : undefined;
  const baseName =
    base === undefined
      ? undefined
      : 'get' in catalogue
        ? catalogue.get(base)
        : catalogue.find((i) => i.code === base)?.name;
  return normText(indicator.norm, indicator.unit, baseName) + formatMargin(indicator);
}

/**
 * The article as the agreement cites it: "art. 7", "art. 1, 4", but "Bijlage 2" and "Social return"
 * as they are (a section named by words is not an article).
 */
export function articleLabel(article: string): string {
  const text = article.trim();
  if (text === '') return '';
  return /^\d/.test(text) ? `art. ${text}` : text;
}

/**
 * An article split for a narrow "Art." column: its numbers ("7", "1, 4", "45" of "45 (Projecten)",
 * "10" of "10, Bijlage 3") and the words that name a section ("Bijlage 3", "Projecten",
 * "Social return"); either may be empty. Words break badly in a column four characters wide.
 */
export function splitArticle(article: string): { number: string; words: string } {
  const text = article.trim();
  const match = /^(\d+(?:\s*,\s*\d+)*)\s*,?\s*(.*)$/.exec(text);
  if (!match) return { number: '', words: text };
  const words = (match[2] ?? '').replace(/^\((.*)\)$/, '$1').trim();
  return { number: match[1] as string, words };
}

/** What a missed capacity norm (art. 35) means, instead of a shortfall. */
export const CAPACITY_EXCEEDED = 'meer vraag dan de gefinancierde capaciteit';

/** The words for a row's deviation where its status alone would mislead: a capacity cap exceeded. */
export function deviationMeaning(row: { status: string; norm: { capacity?: boolean | undefined } }): string | null {
  return row.norm.capacity && (row.status === 'attention' || row.status === 'off_track') ? CAPACITY_EXCEEDED : null;
}

export const FREQUENCY_LABEL = { M: 'per maand', Q: 'per kwartaal', Y: 'per jaar', once: 'eenmalig' } as const;

/** The frequency in words; a single measurement names its period: "eenmalig (2024-Q1)". */
export function frequencyLabel(indicator: Pick<Indicator, 'frequency' | 'duePeriod'>): string {
  if (indicator.frequency !== 'once') return FREQUENCY_LABEL[indicator.frequency];
  return `eenmalig, over ${indicator.duePeriod ? formatPeriodLabel(indicator.duePeriod) : 'het jaar'}`;
}

const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** Chart axes: "jun" for a month, "2e kw." for a quarter, "2024" for a year. */
export function formatPeriodShort(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.type === 'M') return SHORT_MONTHS[(p.index as number) - 1] as string;
  if (p.type === 'Q') return `${p.index}e kw.`;
  return String(p.year);
}

/**
 * A difference with its sign, in the unit's terms: "+12", "-3,5 %-punt" (percentages differ in
 * percentage points, always with one decimal so "+2,0" and "-7,1" read alike), "€ -12.000",
 * "+0,25 fte"; "0" without a sign.
 */
export function formatDifference(value: number, unit: Unit | null): string {
  const signed = (digits: number, minimumFractionDigits = 0) =>
    numberFormat({ minimumFractionDigits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(value);
  switch (unit) {
    case 'procent':
      return `${signed(1, 1)} %-punt`;
    case 'euro':
      return numberFormat({
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
        signDisplay: 'exceptZero',
      }).format(value);
    case 'fte':
      return `${signed(2)} fte`;
    default:
      return signed(1);
  }
}

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** An ISO moment in Dutch local time: "3 juli 2024 om 14:05". */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return DATE_TIME.format(time);
}

/**
 * A segment code for people: "individuele_detachering" → "individuele detachering", "a>b" → "a → b",
 * "cohort_2021" → "cohort 2021". Segment codes are lower-case words joined by `_` (the catalogue
 * schema), so the words themselves are the label.
 */
export function formatSegment(code: string | null): string {
  if (code === null) return 'totaal';
  return code
    .split('>')
    .map((part) => part.replace(/[_-]/g, ' '))
    .join(' → ');
}

/** "art. 7" → "Art. 7", for the start of a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An agreement with its segment, for a sentence or a cell: "Instroom in de werkleerroutes (logistiek)". */
export function agreementLabel(name: string, segment: string | null): string {
  return segment === null ? name : `${name} (${formatSegment(segment)})`;
}
