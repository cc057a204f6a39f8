import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FigureValue } from '../../../shared/contracts/figures.ts';
import {
  TEMPLATE_COLUMNS,
  TEMPLATE_HELP_COLUMNS,
  type TemplateColumn,
  templateColumnName,
} from '../../../shared/domain/delivery-columns.ts';
import { formatDutchNumber } from '../../../shared/domain/normalize.ts';
import type { TemplateRow } from '../../../shared/domain/template.ts';

const HEADER = TEMPLATE_COLUMNS.map(templateColumnName);

function previousText(previous: FigureValue | null): string {
  if (!previous) return '';
  if (previous.value !== null) return formatDutchNumber(previous.value);
  if (previous.numerator !== null && previous.denominator !== null) {
    return `${formatDutchNumber(previous.numerator)} / ${formatDutchNumber(previous.denominator)}`;
  }
  return '';
}

/** Column widths of the XLSX template, in characters. */
const WIDTHS: Record<TemplateColumn, number> = {
  indicator: 34,
  name: 48,
  period: 10,
  segment: 26,
  unit: 10,
  value: 12,
  numerator: 12,
  denominator: 12,
  comment: 40,
  previousPeriod: 14,
  previous: 16,
};

const dutch = (n: number | null) => (n === null ? '' : formatDutchNumber(n));

/**
 * The template as Dutch Excel opens it: `;`, decimal comma, UTF-8 BOM. The help columns
 * (omschrijving, eenheid, vorige …) are ignored when the file comes back.
 */
export function templateCsv(rows: readonly TemplateRow[]): Buffer {
  const records = rows.map((r) => {
    const cells: Record<TemplateColumn, string> = {
      indicator: r.indicator,
      name: r.name,
      period: r.period,
      segment: r.segment,
      unit: r.unit,
      value: dutch(r.value),
      numerator: dutch(r.numerator),
      denominator: dutch(r.denominator),
      comment: '',
      previousPeriod: r.previousPeriod ?? '',
      previous: previousText(r.previous),
    };
    return TEMPLATE_COLUMNS.map((key) => cells[key]);
  });
  const text = stringify([HEADER, ...records], { delimiter: ';', record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function templateXlsx(rows: readonly TemplateRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dvo-monitor';
  const sheet = workbook.addWorksheet('Aanlevering', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((key) => ({ header: templateColumnName(key), key, width: WIDTHS[key] }));
  for (const r of rows) {
    sheet.addRow({
      indicator: r.indicator,
      name: r.name,
      // text, so Excel does not turn 2024-06 into a date
      period: r.period,
      segment: r.segment,
      unit: r.unit,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      comment: null,
      previousPeriod: r.previousPeriod,
      previous: r.previous?.value ?? previousText(r.previous),
    });
  }
  sheet.getRow(1).font = { bold: true };
  const grey = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF0F4' } } as const;
  for (const key of Object.keys(TEMPLATE_HELP_COLUMNS)) {
    sheet.getColumn(key).eachCell((cell) => {
      cell.fill = grey;
    });
  }
  sheet.getColumn('period').numFmt = '@';
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
