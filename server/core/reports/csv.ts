import { stringify } from 'csv-stringify/sync';
import {
  cellOf,
  type DeviationReport,
  formatCsvNumber,
  neutraliseFormula,
  REPORT_COLUMNS,
} from '../../../shared/domain/deviation-report.ts';

/**
 * The deviation rows for Dutch Excel: `;` as delimiter, decimal comma, UTF-8 with BOM, CRLF. Every
 * text cell that would start a formula gets a leading apostrophe; numbers are rounded for display
 * (1 decimal, 2 for fte, 0 for euros) and have no thousands separator. Dates as `JJJJ-MM-DD`.
 */
export function renderCsv(report: DeviationReport): Buffer {
  const records = [
    REPORT_COLUMNS.map((c) => c.header),
    ...report.rows.map((row) =>
      REPORT_COLUMNS.map((column) => {
        const value = cellOf(row, column.key);
        if (column.type === 'number') return formatCsvNumber(value as number | null, row.unit);
        return neutraliseFormula(value === null ? '' : String(value));
      }),
    ),
  ];
  const text = stringify(records, { delimiter: ';', record_delimiter: '\r\n', bom: true });
  return Buffer.from(text, 'utf8');
}
