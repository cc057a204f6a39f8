import type { Indicator, Unit } from '../contracts/catalogue.ts';
import type { FigureHistory } from '../contracts/figures.ts';
import type { StatusRow } from '../contracts/status.ts';
import { describeNormView, REPORT_LEGEND } from './deviation-report.ts';
import { articleLabel, formatDateTime, formatPeriodLabel, formatSegment } from './format-nl.ts';
import { parsePeriod } from './periods.ts';
import { STATUS_LABEL, type Status } from './statuses.ts';

// The Maandoverzicht and the delivered figures as tables for Excel and Power BI: one pure function
// per table builds the header and the typed cells; server/core/reports/table-xlsx.ts lays them out.
// Words, never catalogue codes: agreements by name, segments by their words, statuses in Dutch.

export interface TableColumn {
  header: string;
  /** number: typed, shown in the row's unit; date/datetime: an ISO string that becomes a date cell. */
  type: 'text' | 'number' | 'date' | 'datetime';
  width: number;
  /** A whole count whatever the line's unit (teller, noemer, revisie). */
  whole?: boolean;
}

export interface TableLine {
  cells: (string | number | null)[];
  unit: Unit | null;
  /** Colours the status cell(s). */
  status?: Status | null;
  forecastStatus?: Status | null;
}

export interface TableReport {
  title: string;
  dvoName: string;
  sheet: string;
  facts: { label: string; value: string }[];
  columns: TableColumn[];
  lines: TableLine[];
  /** Columns (0-based) coloured by the line's status and forecast status. */
  statusColumn: number | null;
  forecastStatusColumn: number | null;
  /** The status legend (Leeswijzer) as a second sheet. */
  legend: typeof REPORT_LEGEND | null;
}

function catalogueMap(catalogue: readonly Indicator[]): Map<string, Indicator> {
  return new Map(catalogue.map((i) => [i.code, i]));
}

/** Where a line's agreement stands in the DVO; both tables open with them. */
const AGREEMENT_COLUMNS: TableColumn[] = [
  { header: 'Hoofdstuk', type: 'text', width: 22 },
  { header: 'Artikel', type: 'text', width: 14 },
  { header: 'Afspraak', type: 'text', width: 48 },
  { header: 'Segment', type: 'text', width: 18 },
];

const MONTH_COLUMNS: TableColumn[] = [
  ...AGREEMENT_COLUMNS,
  { header: 'Eenheid', type: 'text', width: 9 },
  { header: 'Realisatie', type: 'number', width: 12 },
  { header: 'Norm tot nu', type: 'number', width: 12 },
  { header: 'Norm', type: 'text', width: 40 },
  { header: 'Status', type: 'text', width: 20 },
  { header: 'Prognose jaareinde', type: 'number', width: 14 },
  { header: 'Oordeel prognose', type: 'text', width: 16 },
  { header: 'Ontbrekende gegevens', type: 'text', width: 24 },
  { header: 'Bron van de norm', type: 'text', width: 36 },
];

/**
 * The Maandoverzicht of one month as a table: every agreement (and every segment judged on its own)
 * with realisation, the norm to date, the norm in words, status, year-end forecast, what is missing
 * and where the norm comes from. Numbers unrounded; the spreadsheet rounds for display.
 */
export function buildMonthTable(input: {
  dvoName: string;
  period: string;
  asOf: string | null;
  exportedAt: string;
  rows: readonly StatusRow[];
  catalogue: readonly Indicator[];
}): TableReport {
  const byCode = catalogueMap(input.catalogue);
  const lines: TableLine[] = input.rows.map((row) => {
    const indicator = byCode.get(row.indicator);
    return {
      unit: row.unit,
      status: row.status,
      forecastStatus: row.forecastStatus ?? null,
      cells: [
        indicator?.chapter ?? '',
        indicator ? articleLabel(indicator.article) : '',
        indicator?.name ?? '',
        row.segment === null ? '' : formatSegment(row.segment),
        row.unit ?? '',
        row.actual,
        row.expected,
        describeNormView(row),
        STATUS_LABEL[row.status],
        row.forecast ?? null,
        row.forecastStatus ? STATUS_LABEL[row.forecastStatus] : '',
        row.missingPeriods.map(formatPeriodLabel).join(', '),
        row.norm.source,
      ],
    };
  });
  return {
    title: `Maandoverzicht ${formatPeriodLabel(input.period)}`,
    dvoName: input.dvoName,
    sheet: 'Maandoverzicht',
    facts: [
      { label: 'DVO', value: input.dvoName },
      { label: 'Maand', value: formatPeriodLabel(input.period) },
      { label: 'Stand van de gegevens', value: input.asOf ? formatDateTime(input.asOf) : 'actueel (bij export)' },
      { label: 'Datum export', value: formatDateTime(input.exportedAt) },
    ],
    columns: MONTH_COLUMNS,
    lines,
    statusColumn: 8,
    forecastStatusColumn: 10,
    legend: REPORT_LEGEND,
  };
}

const FIGURE_COLUMNS: TableColumn[] = [
  ...AGREEMENT_COLUMNS,
  { header: 'Periode', type: 'text', width: 10 },
  { header: 'Periode (voluit)', type: 'text', width: 18 },
  { header: 'Soort periode', type: 'text', width: 12 },
  { header: 'Eenheid', type: 'text', width: 9 },
  { header: 'Waarde', type: 'number', width: 12 },
  { header: 'Teller', type: 'number', width: 10, whole: true },
  { header: 'Noemer', type: 'number', width: 10, whole: true },
  { header: 'Revisie', type: 'number', width: 8, whole: true },
  { header: 'Geldend', type: 'text', width: 9 },
  { header: 'Geleverd door', type: 'text', width: 18 },
  { header: 'Geleverd op', type: 'datetime', width: 18 },
  { header: 'Vervangen op', type: 'datetime', width: 18 },
  { header: 'Geleverd via', type: 'text', width: 14 },
  { header: 'Bestand', type: 'text', width: 28 },
  { header: 'Toelichting', type: 'text', width: 50 },
];

const PERIOD_KIND = { M: 'maand', Q: 'kwartaal', Y: 'jaar' } as const;
const SOURCE_LABEL = { csv: 'CSV-bestand', xlsx: 'Excel-bestand', api: 'API' } as const;

/**
 * The delivered figures as a flat table, one line per revision (the geldende one and every one it
 * replaced), with segment, period, who delivered it and when: for a pivot table in Excel or Power BI.
 * Revisions are numbered from 1 (the first delivery) up.
 */
export function buildFigureTable(input: {
  dvoName: string;
  from: string | undefined;
  to: string | undefined;
  exportedAt: string;
  figures: readonly FigureHistory[];
  catalogue: readonly Indicator[];
}): TableReport {
  const byCode = catalogueMap(input.catalogue);
  const lines: TableLine[] = [];
  for (const figure of input.figures) {
    const indicator = byCode.get(figure.indicator);
    const unit = indicator?.unit ?? null;
    const kind = parsePeriod(figure.period)?.type;
    figure.revisions.forEach((revision, i) => {
      lines.push({
        unit,
        cells: [
          indicator?.chapter ?? '',
          indicator ? articleLabel(indicator.article) : '',
          indicator?.name ?? '',
          figure.segment === null ? 'totaal' : formatSegment(figure.segment),
          figure.period,
          formatPeriodLabel(figure.period),
          kind ? PERIOD_KIND[kind] : '',
          unit ?? '',
          revision.value,
          revision.numerator,
          revision.denominator,
          figure.revisions.length - i,
          revision.supersededAt === null ? 'ja' : 'nee',
          revision.recordedBy,
          revision.recordedAt,
          revision.supersededAt,
          SOURCE_LABEL[revision.source],
          revision.filename ?? '',
          revision.comment ?? '',
        ],
      });
    });
  }
  const range =
    input.from && input.to
      ? input.from === input.to
        ? formatPeriodLabel(input.from)
        : `${formatPeriodLabel(input.from)} t/m ${formatPeriodLabel(input.to)}`
      : input.from
        ? `vanaf ${formatPeriodLabel(input.from)}`
        : input.to
          ? `t/m ${formatPeriodLabel(input.to)}`
          : 'alle perioden';
  return {
    title: `Geleverde cijfers ${range}`,
    dvoName: input.dvoName,
    sheet: 'Cijfers',
    facts: [
      { label: 'DVO', value: input.dvoName },
      { label: 'Perioden', value: range },
      { label: 'Datum export', value: formatDateTime(input.exportedAt) },
      {
        label: 'Toelichting',
        value:
          'Eén regel per revisie: “Geldend” ja is de waarde die telt, nee een eerdere levering die later is vervangen. Bij een ratio staan teller en noemer, geen waarde.',
      },
    ],
    columns: FIGURE_COLUMNS,
    lines,
    statusColumn: null,
    forecastStatusColumn: null,
    legend: null,
  };
}

/** A Dutch file name of [a-z0-9-.] only: `maandoverzicht-<dvo>-<maand>.xlsx`, `cijfers-<dvo>-<van>-<tot>.xlsx`. */
export function tableFileName(kind: 'maandoverzicht' | 'cijfers', dvo: string, parts: (string | undefined)[]): string {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const suffix = parts.filter((p): p is string => Boolean(p)).map(clean);
  return `${[kind, clean(dvo), ...suffix].join('-')}.xlsx`;
}
