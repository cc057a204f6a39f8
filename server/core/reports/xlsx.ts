import ExcelJS from 'exceljs';
import type { Unit } from '../../../shared/contracts/catalogue.ts';
import {
  cellOf,
  type DeviationReport,
  type DeviationStatus,
  displayDecimals,
  ITEM_COLUMNS,
  itemCells,
  REPORT_COLUMNS,
} from '../../../shared/domain/deviation-report.ts';
import { formatPeriodShort } from '../../../shared/domain/format-nl.ts';
import { STATUS_LABEL, type Status } from '../../../shared/domain/statuses.ts';
import { STATUS_HEX } from './colours.ts';

/** Fill per status (ARGB), the same hues as the app's badges, light enough for black text. */
export const STATUS_FILL: Record<DeviationStatus, string> = {
  off_track: `FF${STATUS_HEX.off_track}`,
  attention: `FF${STATUS_HEX.attention}`,
  no_data: `FF${STATUS_HEX.no_data}`,
};

/** A solid fill in the colour of any status. */
export function statusFill(status: Status): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${STATUS_HEX[status]}` } };
}

export function numberFormat(unit: Unit | null): string {
  const decimals = displayDecimals(unit);
  const base = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
  if (unit === 'procent') return `${base}"%"`;
  if (unit === 'euro') return `"€ "${base}`;
  return base;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };

/**
 * Printing as a reader expects: A4 landscape, as wide as the page (as many pages down as needed),
 * the header row repeated on every page, page numbers in the footer.
 */
export function printSetup(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&L&A&Rpagina &P van &N' };
}

/**
 * A table on its own sheet: `headers` with their `widths` (in characters), a bold frozen header row,
 * printed as `printSetup` says.
 */
export function addTable(
  sheet: ExcelJS.Worksheet,
  headers: readonly string[],
  widths: readonly number[],
  rows: (string | number | Date | null)[][],
): void {
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  for (const values of rows) sheet.addRow(values);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  printSetup(sheet);
}

/** addTable with each column's header and width together. */
export function addColumnsTable(
  sheet: ExcelJS.Worksheet,
  columns: readonly { header: string; width: number }[],
  rows: (string | number | Date | null)[][],
): void {
  addTable(
    sheet,
    columns.map((c) => c.header),
    columns.map((c) => c.width),
    rows,
  );
}

/** Leeswijzer: each status on its colour with what it means, then the margin, forecast and trend rules. */
export function addLegend(workbook: ExcelJS.Workbook, legend: DeviationReport['legend']): void {
  const sheet = workbook.addWorksheet('Leeswijzer');
  addColumnsTable(
    sheet,
    [
      { header: 'Status', width: 22 },
      { header: 'Betekenis', width: 110 },
    ],
    [
      ...legend.statuses.map((s) => [s.label, s.meaning]),
      ['Marge', legend.margin],
      ['Prognose', legend.forecast],
      ['Verloop', legend.trend],
    ],
  );
  legend.statuses.forEach((s, i) => {
    const cell = sheet.getRow(i + 2).getCell(1);
    cell.fill = statusFill(s.status);
    cell.font = { bold: true };
  });
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
}

/**
 * Verloop: per deviation the realisation at the end of each month so far (typed numbers, on the
 * colour of that month's status, the status in a note), then the forecast: pivotable, printable.
 */
function addTrendSheet(workbook: ExcelJS.Workbook, report: DeviationReport): void {
  const sheet = workbook.addWorksheet('Verloop');
  const months = report.months;
  addColumnsTable(
    sheet,
    [
      { header: 'Afspraak', width: 44 },
      { header: 'Segment', width: 16 },
      { header: 'Status nu', width: 14 },
      ...months.map((m) => ({ header: formatPeriodShort(m), width: 10 })),
      { header: 'Prognose jaareinde', width: 14 },
      { header: 'Oordeel prognose', width: 16 },
    ],
    report.rows.map((row) => {
      const byMonth = new Map(row.trend.map((p) => [p.month, p]));
      return [
        row.name,
        row.segment,
        row.statusLabel,
        ...months.map((m) => byMonth.get(m)?.actual ?? null),
        row.forecast,
        row.forecastStatus,
      ];
    }),
  );
  report.rows.forEach((row, i) => {
    const excelRow = sheet.getRow(i + 2);
    const byMonth = new Map(row.trend.map((p) => [p.month, p]));
    excelRow.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[row.status] } };
    months.forEach((m, c) => {
      const cell = excelRow.getCell(4 + c);
      cell.numFmt = numberFormat(row.unit);
      const status = byMonth.get(m)?.status;
      if (status) {
        cell.fill = statusFill(status);
        cell.note = STATUS_LABEL[status];
      }
    });
    excelRow.getCell(4 + months.length).numFmt = numberFormat(row.unit);
  });
}

/** A date as Excel's date serial (a real date cell), at noon UTC so no time zone moves the day. */
const asDate = (iso: string) => new Date(`${iso}T12:00:00.000Z`);

/**
 * The deviation list as a workbook. Sheet "Afwijkingen": the rows with typed numbers (unrounded,
 * shown by the unit's number format), real date cells, a frozen bold header, column widths, an
 * autofilter and the status in Dutch on a coloured fill, the forecast and the last months' course.
 * Text is always a string cell, never a formula. Then "Verloop" (every month so far, typed),
 * "Leeswijzer" (statuses, margin, forecast) and "Over dit overzicht"; further sheets when there is
 * something in them: signals, corrections, decisions/actions. Every sheet prints A4 landscape, fit to
 * width, its header row repeated on each page.
 */
export async function renderXlsx(report: DeviationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dvo-monitor';
  workbook.title = report.title;

  const sheet = workbook.addWorksheet('Afwijkingen');
  addTable(
    sheet,
    REPORT_COLUMNS.map((c) => c.header),
    REPORT_COLUMNS.map((c) => c.width),
    report.rows.map((row) =>
      REPORT_COLUMNS.map((column) => {
        const value = cellOf(row, column.key);
        if (column.type === 'date' || column.type === 'month')
          return typeof value === 'string' && value !== '' ? asDate(value) : null;
        return value;
      }),
    ),
  );
  report.rows.forEach((row, i) => {
    const excelRow = sheet.getRow(i + 2);
    excelRow.alignment = { vertical: 'top', wrapText: true };
    REPORT_COLUMNS.forEach((column, c) => {
      const cell = excelRow.getCell(c + 1);
      if (column.type === 'number') cell.numFmt = numberFormat(row.unit);
      if (column.type === 'date') cell.numFmt = 'dd-mm-yyyy';
      if (column.type === 'month') cell.numFmt = 'mmmm yyyy';
      if (column.key === 'statusLabel') {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[row.status] } };
        cell.font = { bold: true };
      }
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  addTrendSheet(workbook, report);
  addLegend(workbook, report.legend);

  const about = workbook.addWorksheet('Over dit overzicht');
  addTable(
    about,
    ['Gegeven', 'Waarde'],
    [24, 60],
    [
      ['Titel', report.title],
      ...report.facts.map((f) => [f.label, f.value]),
      ...report.summary.map((s) => [`Aantal ${s.label.toLowerCase()}`, s.count]),
    ],
  );

  if (report.signals.length > 0) {
    addTable(
      workbook.addWorksheet('Signalen'),
      ['Signaal'],
      [120],
      report.signals.map((s) => [s.message]),
    );
  }
  // a sheet name holds at most 31 characters
  for (const [sheet, lines] of [
    ['Correcties', report.corrections],
    ['Gewijzigd sinds overleg', report.changedSince ?? []],
  ] as const) {
    if (lines.length === 0) continue;
    addTable(
      workbook.addWorksheet(sheet),
      // the documents' "Door, op" and "Reden" split in two columns each, so they sort and filter
      ['Afspraak', 'Periode', 'Oud', 'Nieuw', 'Gewijzigd door', 'Op', 'Reden', 'Heropend', 'Effect op het jaar'],
      [40, 16, 14, 14, 18, 24, 40, 50, 40],
      lines.map((c) => [
        c.subject,
        c.period,
        c.oldText,
        c.newText,
        c.changedBy,
        c.changedAt,
        c.comment,
        c.reopened,
        c.effect,
      ]),
    );
  }
  if (report.items) {
    addTable(
      workbook.addWorksheet('Besluiten en acties'),
      ITEM_COLUMNS,
      [12, 60, 18, 16, 10, 36],
      report.items.map(itemCells),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
