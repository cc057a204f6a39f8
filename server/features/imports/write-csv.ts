import { stringify } from 'csv-stringify/sync';
import type { FigureValue } from '../../../shared/contracts/figures.ts';
import { DUTCH_COLUMN_NAMES, FIGURE_FIELDS } from '../../../shared/domain/delivery-columns.ts';

export type CsvDelimiter = ',' | ';';

/** A number exactly as read back: full precision, no grouping; decimal comma when `;` separates. */
function numberText(value: number | null, delimiter: CsvDelimiter): string {
  if (value === null) return '';
  const text = String(value);
  return delimiter === ';' ? text.replace('.', ',') : text;
}

/**
 * Figures as an import file (interface.md §3) in Dutch (`;`, decimal comma, BOM) or international
 * (`,`, decimal point) form; the exact inverse of the import for every valid figure.
 */
export function figuresToCsv(
  figures: readonly (FigureValue & { comment?: string | null })[],
  delimiter: CsvDelimiter,
): Buffer {
  const header = FIGURE_FIELDS.map((field) => DUTCH_COLUMN_NAMES[field]);
  const rows = figures.map((f) => [
    f.indicator,
    f.period,
    f.segment ?? '',
    numberText(f.value, delimiter),
    numberText(f.numerator, delimiter),
    numberText(f.denominator, delimiter),
    f.comment ?? '',
  ]);
  const text = stringify([header, ...rows], { delimiter, record_delimiter: '\r\n' });
  return delimiter === ';' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text);
}
