import ExcelJS from 'exceljs';
import type { TableReport } from '../../../shared/domain/table-reports.ts';
import { addColumnsTable, addLegend, numberFormat, statusFill } from './xlsx.ts';

/** An ISO date or moment as a real date cell (a date alone at noon UTC, so no time zone moves the day). */
function dateCell(iso: string | number | null, withTime: boolean): Date | null {
  if (typeof iso !== 'string' || iso === '') return null;
  return withTime ? new Date(iso) : new Date(`${iso.slice(0, 10)}T12:00:00.000Z`);
}

/**
 * A table report (Maandoverzicht, delivered figures) as a workbook for Excel and Power BI: one sheet
 * with a header row, typed numbers in the unit's format, date cells, status on its colour beside the
 * word, an autofilter, A4 landscape fit to width with the header row on every page; then the
 * Leeswijzer when the table has statuses, and "Over dit overzicht" with DVO, period and export date.
 */
export async function renderTableXlsx(report: TableReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dvo-monitor';
  workbook.title = report.title;
  const sheet = workbook.addWorksheet(report.sheet);
  addColumnsTable(
    sheet,
    report.columns.map((c) => ({ header: c.header, width: c.width })),
    report.lines.map((line) =>
      line.cells.map((value, i) => {
        const type = report.columns[i]?.type;
        if (type === 'date' || type === 'datetime') return dateCell(value, type === 'datetime');
        return value;
      }),
    ),
  );
  report.lines.forEach((line, i) => {
    const row = sheet.getRow(i + 2);
    row.alignment = { vertical: 'top', wrapText: true };
    report.columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      if (column.type === 'number') cell.numFmt = column.whole ? '#,##0' : numberFormat(line.unit);
      if (column.type === 'date') cell.numFmt = 'dd-mm-yyyy';
      if (column.type === 'datetime') cell.numFmt = 'dd-mm-yyyy hh:mm';
    });
    if (report.statusColumn !== null && line.status) {
      const cell = row.getCell(report.statusColumn + 1);
      cell.fill = statusFill(line.status);
      cell.font = { bold: true };
    }
    if (report.forecastStatusColumn !== null && line.forecastStatus)
      row.getCell(report.forecastStatusColumn + 1).fill = statusFill(line.forecastStatus);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: report.columns.length } };
  if (report.legend) addLegend(workbook, report.legend);
  addColumnsTable(
    workbook.addWorksheet('Over dit overzicht'),
    [
      { header: 'Gegeven', width: 24 },
      { header: 'Waarde', width: 90 },
    ],
    [['Titel', report.title], ...report.facts.map((f) => [f.label, f.value])],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
