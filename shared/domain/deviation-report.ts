import type { Unit } from '../contracts/catalogue.ts';
import type {
  Correction,
  DeviationRow,
  DeviationsResponse,
  MeetingDeviationsResponse,
  MeetingItem,
  MeetingType,
} from '../contracts/deviations.ts';
import type { MonthPoint, NormView } from '../contracts/status.ts';
import { STATE_LABEL } from './deviation-workflow.ts';
import {
  deviationMeaning,
  formatDate,
  formatDateTime,
  formatDifference,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatPeriodShort,
  formatSegment,
  formatValue,
  relativeBaseText,
} from './format-nl.ts';
import { monthPeriod } from './periods.ts';
import {
  DEVIATION_STATUS_LABEL,
  DEVIATION_STATUSES,
  type DeviationStatus,
  STATUS_LABEL,
  STATUS_LEGEND,
  type Status,
} from './statuses.ts';

// The deviation list as a report: one pure function builds the rows and texts that the JSON list,
// CSV, XLSX, PDF and DOCX all show; each renderer only lays them out. Dutch throughout.

export { DEVIATION_STATUS_LABEL, type DeviationStatus };

export const MEETING_TYPE_LABEL: Record<MeetingType, string> = {
  voortgangsbespreking: 'Voortgangsbespreking',
  kwartaaloverleg: 'Kwartaaloverleg',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
};

/** One row of the report, as cells. Numbers stay unrounded; renderers round for display only. */
export interface ReportRow {
  status: DeviationStatus;
  statusLabel: string;
  name: string;
  indicator: string;
  article: string;
  chapter: string;
  /** '' for the total */
  segment: string;
  unit: Unit | null;
  actual: number | null;
  expected: number | null;
  actualText: string;
  expectedText: string;
  normText: string;
  missing: string;
  /** A milestone's completion or a qualitative agreement's hand-set narrative. */
  remark: string;
  state: string;
  /** "maart 2024": the first month in which the thread was seen deviating. */
  since: string;
  /** The same month as a date (`YYYY-MM-01`), so spreadsheets get a date cell, not text they might mangle. */
  sinceMonth: string | null;
  toelichting: string;
  maatregel: string;
  owner: string;
  /** `YYYY-MM-DD` or null */
  deadline: string | null;
  deadlineText: string;
  /** The year-end forecast (annual norms only), unrounded, and its verdict in words; null/'' without one. */
  forecast: number | null;
  forecastStatus: string;
  forecastText: string;
  /** The course over the year so far: one point per evaluated month up to the list's month. */
  trend: TrendPoint[];
  /** The last months of the course in one line: "apr 120 (aandacht) · mei 150 (afwijking)". */
  trendText: string;
}

/** One month of a deviation's course: the realisation to date then, and its status then. */
export interface TrendPoint {
  /** `YYYY-MM` */
  month: string;
  actual: number | null;
  status: Status | null;
}

/** The course of each agreement (and segment) of a list, by `trendKey`, from the cached evaluations. */
export type Trends = ReadonlyMap<string, readonly MonthPoint[]>;

export const trendKey = (indicator: string, segment: string | null) => `${indicator}|${segment ?? ''}`;

/** How many months of the course the one-line trend shows; the XLSX sheet "Verloop" has them all. */
export const TREND_MONTHS = 6;

export type ColumnKey =
  | 'statusLabel'
  | 'name'
  | 'article'
  | 'segment'
  | 'actual'
  | 'expected'
  | 'unit'
  | 'normText'
  | 'missing'
  | 'remark'
  | 'state'
  | 'sinceMonth'
  | 'toelichting'
  | 'maatregel'
  | 'owner'
  | 'deadline'
  | 'forecast'
  | 'forecastStatus'
  | 'trendText';

export interface ReportColumn {
  key: ColumnKey;
  header: string;
  /** `month`: a date shown as its month ("maart 2024"). */
  type: 'text' | 'number' | 'date' | 'month';
  /** Width in characters, for spreadsheets. */
  width: number;
}

/** The columns of the CSV and XLSX, in order. */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { key: 'statusLabel', header: 'Status', type: 'text', width: 14 },
  { key: 'name', header: 'Afspraak', type: 'text', width: 44 },
  { key: 'article', header: 'Artikel', type: 'text', width: 10 },
  { key: 'segment', header: 'Segment', type: 'text', width: 18 },
  { key: 'actual', header: 'Realisatie', type: 'number', width: 12 },
  { key: 'expected', header: 'Norm tot nu', type: 'number', width: 12 },
  { key: 'unit', header: 'Eenheid', type: 'text', width: 9 },
  { key: 'normText', header: 'Norm', type: 'text', width: 30 },
  { key: 'missing', header: 'Ontbrekende gegevens', type: 'text', width: 22 },
  { key: 'remark', header: 'Opmerking', type: 'text', width: 30 },
  { key: 'state', header: 'Stand', type: 'text', width: 22 },
  { key: 'sinceMonth', header: 'Sinds', type: 'month', width: 14 },
  { key: 'toelichting', header: 'Toelichting', type: 'text', width: 50 },
  { key: 'maatregel', header: 'Maatregel', type: 'text', width: 50 },
  { key: 'owner', header: 'Eigenaar', type: 'text', width: 18 },
  { key: 'deadline', header: 'Deadline', type: 'date', width: 12 },
  { key: 'forecast', header: 'Prognose jaareinde', type: 'number', width: 14 },
  { key: 'forecastStatus', header: 'Oordeel prognose', type: 'text', width: 16 },
  { key: 'trendText', header: 'Verloop (laatste maanden)', type: 'text', width: 60 },
];

export function cellOf(row: ReportRow, key: ColumnKey): string | number | null {
  if (key === 'unit') return row.unit ?? '';
  return row[key];
}

/**
 * How to read the statuses and the margin, for a reader without the app (the wethouder): every
 * status in the order the app shows them, with what it means, and the margin and forecast rules.
 */
export const REPORT_LEGEND = {
  statuses: STATUS_LEGEND,
  margin:
    'Marge: hoe ver een afspraak de norm tot nu mag missen voordat ‘aandacht’ ‘afwijking’ wordt. ' +
    'Bij aantallen, euro’s en fte is de marge een percentage van de norm (marge 10% bij een minimum van 200 tot nu: ' +
    '180 tot 200 is aandacht, minder dan 180 een afwijking); bij percentages is zij in procentpunten, bij rapportcijfers in punten. ' +
    'Een jaarnorm telt naar rato van de verstreken maanden of kwartalen (de norm tot nu); een gelijke waarde haalt de norm.',
  forecast:
    'Prognose jaareinde (alleen bij jaarnormen): de realisatie tot nu doorgetrokken naar het hele jaar, ' +
    'beoordeeld tegen de jaarnorm met dezelfde marge.',
  trend:
    'Het verloop bij elke afwijking: de stand aan het eind van elke maand (bij jaarnormen de realisatie vanaf januari opgeteld) met het oordeel van die maand.',
} as const;

/** Decimals shown per unit: one for percentages, counts and marks, two for fte, none for euros. */
export function displayDecimals(unit: Unit | null): number {
  if (unit === 'fte') return 2;
  if (unit === 'euro') return 0;
  return 1;
}

export function roundForDisplay(value: number, unit: Unit | null): number {
  const factor = 10 ** displayDecimals(unit);
  return Math.round(value * factor) / factor;
}

/** A number for Dutch Excel in a CSV: decimal comma, no thousands separator, rounded for display. */
export function formatCsvNumber(value: number | null, unit: Unit | null): string {
  if (value === null) return '';
  return String(roundForDisplay(value, unit)).replace('.', ',');
}

/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or
 * carriage return) gets a leading apostrophe, so it stays inert text (CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The norm of an evaluated row in words; a relative norm names its base agreement, never its code. */
export function describeNormView(row: { norm: NormView; unit: Unit | null; kind: string }): string {
  const norm: NormView = row.norm;
  const v = (n: number | undefined) => (n === undefined ? '–' : formatValue(n, row.unit));
  const word = norm.kind === 'min' ? 'minimaal' : 'maximaal';
  switch (norm.kind) {
    case 'min':
    case 'max':
      if (norm.basis === 'relative') {
        const base = relativeBaseText(norm.factor ?? 1, norm.baseName);
        const perYear = row.kind === 'flow' ? ' per jaar' : '';
        return norm.value === undefined ? `${word} ${base}${perYear}` : `${word} ${v(norm.value)}${perYear} (${base})`;
      }
      return `${word} ${v(norm.value)}${norm.basis === 'annual' ? ' per jaar' : ''}`;
    case 'range':
      return `tussen ${v(norm.min)} en ${v(norm.max)}`;
    case 'milestone':
      return norm.deadline ? `gereed uiterlijk ${formatDate(norm.deadline)}` : 'mijlpaal';
    case 'qualitative':
      return 'kwalitatief, status per kwartaal';
    default:
      return 'volgen';
  }
}

function remarkOf(row: DeviationRow): string {
  if (row.kind === 'milestone') {
    if (row.completedOn) return `gereed op ${formatDate(row.completedOn)}`;
    return 'nog niet gereed';
  }
  if (row.kind === 'qualitative') return row.narrative ?? '';
  return deviationMeaning(row) ?? '';
}

/** The evaluated months of a course, January up to the list's month. */
export function trendPoints(points: readonly MonthPoint[] | undefined, year: number): TrendPoint[] {
  return (points ?? [])
    .filter((p) => p.status !== null)
    .map((p) => ({ month: monthPeriod(year, p.month), actual: p.actual, status: p.status }));
}

/** "apr 120 (aandacht) · mei 150 (afwijking)": the last TREND_MONTHS months of a course. */
export function trendText(trend: readonly TrendPoint[], unit: Unit | null): string {
  return trend
    .slice(-TREND_MONTHS)
    .map(
      (p) =>
        `${formatPeriodShort(p.month)} ${formatValue(p.actual, unit)} (${p.status ? STATUS_LABEL[p.status] : '–'})`,
    )
    .join(' · ');
}

function forecastTextOf(row: DeviationRow): string {
  if (row.forecast === undefined) return '';
  const verdict = row.forecastStatus ? `: ${STATUS_LABEL[row.forecastStatus]}` : '';
  return `Prognose jaareinde ${formatValue(row.forecast, row.unit)}${verdict}`;
}

/**
 * The rows of a deviation list, in the list's order; with `trends` (the cached course of each
 * agreement, see server/core/reports/trends.ts) each row carries its course over the year so far.
 */
export function buildReportRows(rows: readonly DeviationRow[], trends?: Trends, year?: number): ReportRow[] {
  return rows.map((row) => {
    const status = row.status as DeviationStatus;
    const trend = year === undefined ? [] : trendPoints(trends?.get(trendKey(row.indicator, row.segment)), year);
    return {
      status,
      statusLabel: DEVIATION_STATUS_LABEL[status] ?? row.status,
      name: row.name,
      indicator: row.indicator,
      article: row.article,
      chapter: row.chapter,
      segment: row.segment === null ? '' : formatSegment(row.segment),
      unit: row.unit,
      actual: row.actual,
      expected: row.expected,
      actualText: formatValue(row.actual, row.unit),
      expectedText: formatValue(row.expected, row.unit),
      normText: describeNormView(row),
      missing: row.missingPeriods.map(formatPeriodLabel).join(', '),
      remark: remarkOf(row),
      state: row.state === null ? '' : STATE_LABEL[row.state],
      since: row.firstPeriod === null ? '' : formatPeriodLabel(row.firstPeriod),
      sinceMonth: row.firstPeriod === null ? null : `${row.firstPeriod}-01`,
      toelichting: row.toelichting ?? '',
      maatregel: row.maatregel?.text ?? '',
      owner: row.maatregel?.owner ?? '',
      deadline: row.maatregel?.deadline ?? null,
      deadlineText: row.maatregel?.deadline ? formatDate(row.maatregel.deadline) : '',
      forecast: row.forecast ?? null,
      forecastStatus: row.forecastStatus ? STATUS_LABEL[row.forecastStatus] : '',
      forecastText: forecastTextOf(row),
      trend,
      trendText: trendText(trend, row.unit),
    };
  });
}

/** The corrections table as every document shows it: its column headings and a line's cells. */
export const CORRECTION_COLUMNS = ['Afspraak', 'Periode', 'Oud', 'Nieuw', 'Door, op', 'Reden', 'Effect op het jaar'];

export function correctionCells(c: CorrectionLine): string[] {
  return [
    c.subject,
    c.period,
    c.oldText,
    c.newText,
    `${c.changedBy}, ${c.changedAt}`,
    [c.comment, c.reopened].filter(Boolean).join('\n'),
    c.effect,
  ];
}

export interface CorrectionLine {
  subject: string;
  period: string;
  oldText: string;
  newText: string;
  changedBy: string;
  changedAt: string;
  comment: string;
  reopened: string;
  effect: string;
}

function figureText(numbers: Correction['old'], unit: Unit | null): string {
  if (numbers.numerator !== null && numbers.denominator !== null) {
    const pct = numbers.denominator > 0 ? ` (${formatPercent((100 * numbers.numerator) / numbers.denominator)})` : '';
    return `${formatNumber(numbers.numerator)}/${formatNumber(numbers.denominator)}${pct}`;
  }
  return formatValue(numbers.value, unit);
}

export function buildCorrectionLines(corrections: readonly Correction[]): CorrectionLine[] {
  return corrections.map((c) => {
    const y = c.yearToDate;
    const effect =
      y.before === null && y.after === null
        ? `jaar t/m ${formatPeriodLabel(y.month)}: nog niet vast te stellen (gegevens ontbreken)`
        : `jaar t/m ${formatPeriodLabel(y.month)}: van ${formatValue(y.before, c.unit)} naar ${formatValue(y.after, c.unit)}${
            y.difference === null ? '' : ` (${formatDifference(y.difference, c.unit)})`
          }`;
    const reopenedBy = c.unlockedBy ? ` door ${c.unlockedBy}` : '';
    return {
      subject: c.segment ? `${c.name} (${formatSegment(c.segment)})` : c.name,
      period: formatPeriodLabel(c.period),
      oldText: figureText(c.old, c.unit),
      newText: figureText(c.new, c.unit),
      changedBy: c.changedBy,
      changedAt: formatDateTime(c.changedAt),
      comment: c.comment ?? '',
      reopened: c.unlockedAt
        ? `${formatPeriodLabel(c.lockedPeriod)} heropend op ${formatDateTime(c.unlockedAt)}${reopenedBy}${
            c.unlockReason ? `: ${c.unlockReason}` : ''
          }`
        : '',
      effect,
    };
  });
}

export interface ItemLine {
  kind: string;
  text: string;
  owner: string;
  deadline: string;
  state: string;
  origin: string;
}

/** The decisions and action items table as every document shows it: its column headings and a line's cells. */
export const ITEM_COLUMNS = ['Soort', 'Omschrijving', 'Eigenaar', 'Deadline', 'Stand', 'Herkomst'];

export function itemCells(i: ItemLine): string[] {
  return [i.kind, i.text, i.owner, i.deadline, i.state, i.origin];
}

export function buildItemLines(items: readonly MeetingItem[]): ItemLine[] {
  return items.map((item) => ({
    kind: item.kind === 'besluit' ? 'Besluit' : 'Actiepunt',
    text: item.text,
    owner: item.owner ?? '',
    deadline: item.deadline ? formatDate(item.deadline) : '',
    state: item.state === null ? 'vastgelegd' : item.state === 'done' ? 'afgerond' : 'open',
    origin: item.carried
      ? `uit ${MEETING_TYPE_LABEL[item.meetingType].toLowerCase()} van ${formatDate(item.meetingDate)}`
      : 'dit overleg',
  }));
}

export interface DeviationReport {
  title: string;
  dvoName: string;
  /** Lines under the title: DVO, period, data moment, export date, meeting. */
  facts: { label: string; value: string }[];
  summary: { status: DeviationStatus; label: string; count: number }[];
  rows: ReportRow[];
  signals: { severity: string; message: string }[];
  corrections: CorrectionLine[];
  /**
   * Only for a meeting: corrections after vaststelling made since it was opened, beside its frozen
   * list (the list itself stays as discussed).
   */
  changedSince: CorrectionLine[] | null;
  /** Only for a meeting: its decisions and action items (own and carried on). */
  items: ItemLine[] | null;
  /** `YYYY-MM` of the months the trends cover (January up to the list's month). */
  months: string[];
  legend: typeof REPORT_LEGEND;
}

/** The heading of the corrections made since a meeting, in the app and in every export. */
export const CHANGED_SINCE_TITLE = 'Gewijzigd sinds dit overleg';

function isMeeting(list: DeviationsResponse | MeetingDeviationsResponse): list is MeetingDeviationsResponse {
  return 'meeting' in list && list.meeting !== undefined;
}

/** The whole report of a deviation list (of a period or a meeting), exported at `exportedAt`. */
export function buildDeviationReport(
  list: DeviationsResponse | MeetingDeviationsResponse,
  exportedAt: string,
  trends?: Trends,
): DeviationReport {
  const year = Number(list.evaluatedMonth.slice(0, 4));
  const lastMonth = Number(list.evaluatedMonth.slice(5, 7));
  const periodLabel = formatPeriodLabel(list.period);
  const periodValue =
    list.period === list.evaluatedMonth
      ? periodLabel
      : `${periodLabel} (stand eind ${formatPeriodLabel(list.evaluatedMonth)})`;
  const facts = [
    { label: 'DVO', value: list.dvoName },
    { label: 'Periode', value: periodValue },
    { label: 'Stand van de gegevens', value: list.asOf ? formatDateTime(list.asOf) : 'actueel (bij export)' },
    { label: 'Datum export', value: formatDateTime(exportedAt) },
  ];
  let title = `Afwijkingen ${periodLabel}`;
  let items: ItemLine[] | null = null;
  let changedSince: CorrectionLine[] | null = null;
  if (isMeeting(list)) {
    const m = list.meeting;
    title = `${MEETING_TYPE_LABEL[m.type]} ${formatDate(m.date)}: afwijkingen ${periodLabel}`;
    facts.splice(1, 0, { label: 'Overleg', value: `${MEETING_TYPE_LABEL[m.type]} van ${formatDate(m.date)}` });
    if (m.attendees.length > 0) facts.splice(2, 0, { label: 'Aanwezig', value: m.attendees.join(', ') });
    items = buildItemLines(list.items);
    changedSince = buildCorrectionLines(list.changedSince);
    const n = changedSince.length;
    facts.push({
      label: CHANGED_SINCE_TITLE,
      value:
        n === 0
          ? `niets: geen cijfer van een vastgestelde periode is sinds de opening (${formatDateTime(m.asOf)}) gecorrigeerd`
          : `${n} ${n === 1 ? 'cijfer' : 'cijfers'} van een vastgestelde periode na de opening (${formatDateTime(m.asOf)}) gecorrigeerd; de lijst hieronder is de stand van het overleg, de correcties staan apart`,
    });
  }
  return {
    title,
    dvoName: list.dvoName,
    facts,
    summary: DEVIATION_STATUSES.map((status) => ({
      status,
      label: DEVIATION_STATUS_LABEL[status],
      count: list.summary[status],
    })),
    rows: buildReportRows(list.rows, trends, year),
    signals: list.signals.map((s) => ({ severity: s.severity, message: s.message })),
    corrections: buildCorrectionLines(list.corrections),
    changedSince,
    items,
    months: Array.from({ length: lastMonth }, (_, i) => monthPeriod(year, i + 1)),
    legend: REPORT_LEGEND,
  };
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf' | 'docx';

/**
 * A Dutch file name: `afwijkingen-<dvo>-<periode>[-stand-<datum>].<ext>`, or for a meeting
 * `<overleg>-<datum>-afwijkingen-<dvo>.<ext>`. Only [a-z0-9-.], so it needs no quoting anywhere.
 */
export function exportFileName(
  list: { dvo: string; period: string; asOf: string | null; meeting?: { type: MeetingType; date: string } },
  format: ExportFormat,
): string {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  if (list.meeting) {
    return `${clean(list.meeting.type)}-${list.meeting.date}-afwijkingen-${clean(list.dvo)}.${format}`;
  }
  const stand = list.asOf ? `-stand-${list.asOf.slice(0, 10)}` : '';
  return `afwijkingen-${clean(list.dvo)}-${clean(list.period)}${stand}.${format}`;
}
