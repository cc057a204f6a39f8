import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FigureValue } from '../../../shared/contracts/figures.ts';
import { formatDutchNumber } from '../../../shared/domain/normalize.ts';
import type { TemplateRow } from '../../../shared/domain/template.ts';

const HEADER = [
  'indicator',
  'omschrijving',
  'periode',
  'segment',
  'eenheid',
  'waarde',
  'teller',
  'noemer',
  'toelichting',
  'vorige periode',
  'vorige waarde',
] as const;

function previousText(previous: FigureValue | null): string {
  if (!previous) return '';
  if (previous.value !== null) return formatDutchNumber(previous.value);
  if (previous.numerator !== null && previous.denominator !== null) {
    return `${formatDutchNumber(previous.numerator)} / ${formatDutchNumber(previous.denominator)}`;
  }
  return '';
}

const dutch = (n: number | null) => (n === null ? '' : formatDutchNumber(n));

/**
 * The template as Dutch Excel opens it: `;`, decimal comma, UTF-8 BOM. The help columns
 * (omschrijving, eenheid, vorige …) are ignored when the file comes back.
 */
export function templateCsv(rows: readonly TemplateRow[]): Buffer {
  const records = rows.map((r) => [
    r.indicator,
    r.name,
    r.period,
    r.segment,
    r.unit,
    dutch(r.value),
    dutch(r.numerator),
    dutch(r.denominator),
    '',
    r.previousPeriod ?? '',
    previousText(r.previous),
  ]);
  const text = stringify([HEADER as unknown as string[], ...records], { delimiter: ';', record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function templateXlsx(rows: readonly TemplateRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dvo-monitor';
  const sheet = workbook.addWorksheet('Aanlevering', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'indicator', key: 'indicator', width: 34 },
    { header: 'omschrijving', key: 'name', width: 48 },
    { header: 'periode', key: 'period', width: 10 },
    { header: 'segment', key: 'segment', width: 26 },
    { header: 'eenheid', key: 'unit', width: 10 },
    { header: 'waarde', key: 'value', width: 12 },
    { header: 'teller', key: 'numerator', width: 12 },
    { header: 'noemer', key: 'denominator', width: 12 },
    { header: 'toelichting', key: 'comment', width: 40 },
    { header: 'vorige periode', key: 'previousPeriod', width: 14 },
    { header: 'vorige waarde', key: 'previous', width: 16 },
  ];
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
  for (const col of [2, 5, 10, 11]) {
    sheet.getColumn(col).eachCell((cell) => {
      cell.fill = grey;
    });
  }
  sheet.getColumn('period').numFmt = '@';
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
