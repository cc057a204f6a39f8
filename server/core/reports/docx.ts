import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DeviationReport } from '../../../shared/domain/deviation-report.ts';
import {
  CHANGED_SINCE_TITLE,
  CORRECTION_COLUMNS,
  correctionCells,
  ITEM_COLUMNS,
  itemCells,
} from '../../../shared/domain/deviation-report.ts';
import { articleLabel } from '../../../shared/domain/format-nl.ts';
import { STATUS_HEX } from './colours.ts';

/** Status fills (hex without #), the same hues as the XLSX and PDF. */
const STATUS_SHADE = STATUS_HEX;

const FONT = 'Calibri';
const SIZE = 18; // half-points: 9 pt

export function text(
  value: string,
  options: { bold?: boolean; italics?: boolean; small?: boolean; colour?: string } = {},
) {
  return new TextRun({
    text: value,
    bold: options.bold ?? false,
    italics: options.italics ?? false,
    size: options.small ? SIZE - 2 : SIZE,
    color: options.colour,
    font: FONT,
  });
}

/** A paragraph per line, so a multi-line toelichting keeps its line breaks. */
function lines(value: string, options: Parameters<typeof text>[1] = {}): Paragraph[] {
  return value.split(/\r?\n/).map((line) => new Paragraph({ children: [text(line, options)] }));
}

function cell(children: Paragraph[], options: { shade?: string; width?: number; header?: boolean } = {}): TableCell {
  return new TableCell({
    children: children.length > 0 ? children : [new Paragraph('')],
    shading: options.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: options.shade } : undefined,
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
  });
}

function headerRow(headers: string[], widths: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) =>
      cell([new Paragraph({ children: [text(h, { bold: true, colour: 'FFFFFF' })] })], {
        shade: '1F4E79',
        width: widths[i] as number,
      }),
    ),
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 2, color: 'BFBFBF' };
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

/** A table with a header row; `firstShades` colours the first cell of each row (the legend's statuses). */
export function simpleTable(headers: string[], rows: string[][], widths: number[], firstShades?: string[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      headerRow(headers, widths),
      ...rows.map(
        (values, r) =>
          new TableRow({
            cantSplit: true,
            children: values.map((v, i) =>
              cell(lines(v), { width: widths[i] as number, shade: i === 0 ? firstShades?.[r] : undefined }),
            ),
          }),
      ),
    ],
  });
}

function rowsTable(report: DeviationReport): Table {
  const widths = [9, 22, 8, 8, 11, 21, 21];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      headerRow(['Status', 'Afspraak', 'Realisatie', 'Norm tot nu', 'Stand', 'Toelichting', 'Maatregel'], widths),
      ...report.rows.map((row) => {
        const sub = [row.segment, articleLabel(row.article), row.normText].filter(Boolean).join(' · ');
        const small = (value: string, bold = false) =>
          new Paragraph({ children: [text(value, { small: true, bold })] });
        const about = [
          new Paragraph({ children: [text(row.name, { bold: true })] }),
          small(sub),
          ...(row.missing ? [small(`Ontbreekt: ${row.missing}`)] : []),
          ...(row.remark ? lines(row.remark, { small: true, italics: true }) : []),
          ...(row.trendText ? [small(`Verloop: ${row.trendText}`)] : []),
          ...(row.forecastText ? [small(row.forecastText, true)] : []),
        ];
        const measure = row.maatregel
          ? [
              ...lines(row.maatregel),
              new Paragraph({
                children: [
                  text(
                    [row.owner && `Eigenaar: ${row.owner}`, row.deadlineText && `Deadline: ${row.deadlineText}`]
                      .filter(Boolean)
                      .join(' · '),
                    { small: true },
                  ),
                ],
              }),
            ]
          : [];
        const right = (value: string) => [new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(value)] })];
        return new TableRow({
          cantSplit: true,
          children: [
            cell([new Paragraph({ children: [text(row.statusLabel, { bold: true })] })], {
              shade: STATUS_SHADE[row.status],
              width: widths[0] as number,
            }),
            cell(about, { width: widths[1] as number }),
            cell(right(row.actualText), { width: widths[2] as number }),
            cell(right(row.expectedText), { width: widths[3] as number }),
            cell(
              [
                new Paragraph({ children: [text(row.state)] }),
                ...(row.since ? [new Paragraph({ children: [text(`sinds ${row.since}`, { small: true })] })] : []),
              ],
              { width: widths[4] as number },
            ),
            cell(row.toelichting ? lines(row.toelichting) : [], { width: widths[5] as number }),
            cell(measure, { width: widths[6] as number }),
          ],
        });
      }),
    ],
  });
}

export const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, spacing: { before: 200, after: 100 }, children: [new TextRun({ text: value })] });

/**
 * The same report as the PDF as a Word document (A4 landscape), for the papers of the bestuurlijk
 * overleg: title, facts, summary by status, signals, the deviation table with toelichting and
 * maatregel, corrections, and for a meeting its decisions and action items; "pagina X van Y" below.
 */
export async function renderDocx(report: DeviationReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    heading(report.title, HeadingLevel.TITLE),
    ...report.facts.map((f) => new Paragraph({ children: [text(`${f.label}: `, { bold: true }), text(f.value)] })),
    heading('Samenvatting', HeadingLevel.HEADING_2),
    new Table({
      width: { size: 30, type: WidthType.PERCENTAGE },
      borders: BORDERS,
      rows: report.summary.map(
        (s) =>
          new TableRow({
            children: [
              cell([new Paragraph({ children: [text(s.label, { bold: true })] })], {
                shade: STATUS_SHADE[s.status],
                width: 70,
              }),
              cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(String(s.count))] })], {
                width: 30,
              }),
            ],
          }),
      ),
    }),
  ];
  children.push(
    heading('Leeswijzer', HeadingLevel.HEADING_2),
    simpleTable(
      ['Status', 'Betekenis'],
      report.legend.statuses.map((s) => [s.label, s.meaning]),
      [18, 82],
      report.legend.statuses.map((s) => STATUS_SHADE[s.status]),
    ),
    ...[report.legend.margin, report.legend.forecast, report.legend.trend].map(
      (value) => new Paragraph({ spacing: { before: 80 }, children: [text(value)] }),
    ),
  );
  if (report.signals.length > 0) {
    children.push(
      heading('Signalen', HeadingLevel.HEADING_2),
      ...report.signals.map((s) => new Paragraph({ bullet: { level: 0 }, children: [text(s.message)] })),
    );
  }
  children.push(heading('Afwijkingen', HeadingLevel.HEADING_2));
  children.push(
    report.rows.length > 0
      ? rowsTable(report)
      : new Paragraph({ children: [text('Geen afwijkingen in deze periode.')] }),
  );
  if (report.corrections.length > 0) {
    children.push(
      heading('Correcties na vaststelling', HeadingLevel.HEADING_2),
      simpleTable(CORRECTION_COLUMNS, report.corrections.map(correctionCells), [18, 10, 9, 9, 14, 22, 18]),
    );
  }
  if (report.changedSince && report.changedSince.length > 0) {
    children.push(
      heading(CHANGED_SINCE_TITLE, HeadingLevel.HEADING_2),
      new Paragraph({
        children: [text('Na de opening van dit overleg gecorrigeerd; de lijst hierboven is de stand zoals besproken.')],
      }),
      simpleTable(CORRECTION_COLUMNS, report.changedSince.map(correctionCells), [18, 10, 9, 9, 14, 22, 18]),
    );
  }
  if (report.items) {
    children.push(heading('Besluiten en actiepunten', HeadingLevel.HEADING_2));
    children.push(
      report.items.length > 0
        ? simpleTable(ITEM_COLUMNS, report.items.map(itemCells), [10, 40, 14, 12, 8, 16])
        : new Paragraph({ children: [text('Geen besluiten of actiepunten.')] }),
    );
  }
  return renderA4LandscapeDocx({ title: report.title, dvoName: report.dvoName }, children);
}

/** An A4 landscape Word document as the exports print it: our font and a page number in the footer. */
export function renderA4LandscapeDocx(
  meta: { title: string; dvoName: string },
  children: (Paragraph | Table)[],
): Promise<Buffer> {
  const doc = new Document({
    creator: 'dvo-monitor',
    title: meta.title,
    description: meta.dvoName,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES],
                    size: SIZE - 2,
                    font: FONT,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
