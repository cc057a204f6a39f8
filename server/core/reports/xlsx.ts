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

/** Fill per status (ARGB), the same hues as the app's badges, light enough for black text. */
export const STATUS_FILL: Record<DeviationStatus, string> = {
  off_track: 'FFF4C7C3',
  attention: 'FFFFE8A3',
  no_data: 'FFDDDDDD',
};

function numberFormat(unit: Unit | null): string {
  const decimals = displayDecimals(unit);
  const base = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
  if (unit === 'procent') return `${base}"%"`;
  if (unit === 'euro') return `"€ "${base}`;
  return base;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };

/** A table on its own sheet: `headers` with their `widths` (in characters), a bold frozen header row. */
function addTable(
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
}

/** A date as Excel's date serial (a real date cell), at noon UTC so no time zone moves the day. */
const asDate = (iso: string) => new Date(`${iso}T12:00:00.000Z`);

/**
 * The deviation list as a workbook. Sheet "Afwijkingen": the rows with typed numbers (unrounded,
 * shown by the unit's number format), real date cells, a frozen bold header, column widths, an
 * autofilter and the status in Dutch on a coloured fill. Text is always a string cell, never a
 * formula. Further sheets when there is something in them: signals, corrections, decisions/actions.
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
