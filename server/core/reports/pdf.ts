import { createRequire } from 'node:module';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DeviationReport, DeviationStatus } from '../../../shared/domain/deviation-report.ts';
import {
  CHANGED_SINCE_TITLE,
  CORRECTION_COLUMNS,
  correctionCells,
  ITEM_COLUMNS,
  itemCells,
} from '../../../shared/domain/deviation-report.ts';
import { articleLabel } from '../../../shared/domain/format-nl.ts';
import { STATUS_HEX } from './colours.ts';

// pdfmake's server build is a CommonJS singleton; its types describe the browser API, so the few
// server-only members used here are typed by hand.
interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMakeServer | null = null;

/**
 * pdfmake with the Roboto fonts it ships as a virtual file system, and with every URL and local file
 * refused (CVE-2026-26801: a document definition could otherwise make the server fetch URLs or read
 * files). Fonts from the virtual file system are not local files, so nothing needs to be allowed.
 */
export function pdfMake(): PdfMakeServer {
  if (pdfmake) return pdfmake;
  const instance = require('pdfmake') as PdfMakeServer;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const [name, base64] of Object.entries(vfs))
    instance.virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  instance.setFonts({
    Roboto: {
      normal: 'Roboto-Regular.ttf',
      bold: 'Roboto-Medium.ttf',
      italics: 'Roboto-Italic.ttf',
      bolditalics: 'Roboto-MediumItalic.ttf',
    },
  });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy(() => false);
  pdfmake = instance;
  return instance;
}

/** Status fills (hex), the same hues as the XLSX. */
export const STATUS_COLOUR: Record<DeviationStatus, string> = {
  off_track: `#${STATUS_HEX.off_track}`,
  attention: `#${STATUS_HEX.attention}`,
  no_data: `#${STATUS_HEX.no_data}`,
};

/** The leeswijzer's statuses, each in its own colour with its meaning (meeting export and Jaarevaluatie). */
export function statusLegendTable(statuses: DeviationReport['legend']['statuses']): Content {
  return {
    table: {
      widths: [100, '*'],
      body: statuses.map((s) => [
        { text: s.label, fillColor: `#${STATUS_HEX[s.status]}`, bold: true },
        { text: s.meaning },
      ]),
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 6],
  };
}

/** Leeswijzer: every status with its colour and meaning, then the margin, forecast and trend rules. */
export function legendContent(report: DeviationReport): Content[] {
  return [
    { text: 'Leeswijzer', style: 'h2', margin: [0, 4, 0, 4] },
    statusLegendTable(report.legend.statuses),
    { text: report.legend.margin, margin: [0, 0, 0, 3] },
    { text: report.legend.forecast, margin: [0, 0, 0, 3] },
    { text: report.legend.trend, margin: [0, 0, 0, 8] },
  ];
}

const header = (text: string): TableCell => ({ text, style: 'th' });

function rowsTable(report: DeviationReport): Content {
  const body: TableCell[][] = [
    ['Status', 'Afspraak', 'Realisatie', 'Norm tot nu', 'Stand', 'Toelichting', 'Maatregel'].map(header),
  ];
  for (const row of report.rows) {
    const about: Content[] = [{ text: row.name, bold: true }];
    const sub = [row.segment, articleLabel(row.article), row.normText].filter(Boolean).join(' · ');
    about.push({ text: sub, style: 'small' });
    if (row.missing) about.push({ text: `Ontbreekt: ${row.missing}`, style: 'small' });
    if (row.remark) about.push({ text: row.remark, style: 'small', italics: true });
    if (row.trendText) about.push({ text: `Verloop: ${row.trendText}`, style: 'small' });
    if (row.forecastText) about.push({ text: row.forecastText, style: 'small', bold: true });
    const measure: Content[] = row.maatregel
      ? [
          { text: row.maatregel },
          {
            text: [row.owner && `Eigenaar: ${row.owner}`, row.deadlineText && `Deadline: ${row.deadlineText}`]
              .filter(Boolean)
              .join(' · '),
            style: 'small',
          },
        ]
      : [{ text: '' }];
    body.push([
      { text: row.statusLabel, fillColor: STATUS_COLOUR[row.status], bold: true },
      { stack: about },
      { text: row.actualText, alignment: 'right' },
      { text: row.expectedText, alignment: 'right' },
      { stack: [{ text: row.state }, { text: row.since ? `sinds ${row.since}` : '', style: 'small' }] },
      { text: row.toelichting },
      { stack: measure },
    ]);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [52, 190, 52, 52, 64, '*', '*'], body },
    layout: 'lightHorizontalLines',
  };
}

function simpleTable(headers: string[], rows: string[][], widths: (number | string)[]): Content {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [headers.map(header), ...rows] },
    layout: 'lightHorizontalLines',
  };
}

/** The report as an A4 (landscape) PDF with page numbers "pagina X van Y". */
export async function renderPdf(report: DeviationReport): Promise<Buffer> {
  const content: Content[] = [
    { text: report.title, style: 'title' },
    {
      table: { widths: [130, '*'], body: report.facts.map((f) => [{ text: f.label, bold: true }, f.value]) },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    { text: 'Samenvatting', style: 'h2' },
    {
      table: {
        widths: [100, 40],
        body: report.summary.map((s) => [
          { text: s.label, fillColor: STATUS_COLOUR[s.status], bold: true },
          { text: String(s.count), alignment: 'right' },
        ]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
  ];
  content.push(...legendContent(report));
  if (report.signals.length > 0) {
    content.push({ text: 'Signalen', style: 'h2' }, { ul: report.signals.map((s) => s.message), margin: [0, 0, 0, 8] });
  }
  // the table starts on a page of its own: the first page (summary, leeswijzer, signals) reads as a cover
  content.push({ text: 'Afwijkingen', style: 'h2', pageBreak: 'before' });
  content.push(report.rows.length > 0 ? rowsTable(report) : { text: 'Geen afwijkingen in deze periode.' });
  if (report.corrections.length > 0) {
    content.push(
      { text: 'Correcties na vaststelling', style: 'h2', margin: [0, 12, 0, 4] },
      simpleTable(CORRECTION_COLUMNS, report.corrections.map(correctionCells), [110, 60, 50, 50, 90, '*', 110]),
    );
  }
  if (report.changedSince && report.changedSince.length > 0) {
    content.push(
      { text: CHANGED_SINCE_TITLE, style: 'h2', margin: [0, 12, 0, 4] },
      { text: 'Na de opening van dit overleg gecorrigeerd; de lijst hierboven is de stand zoals besproken.' },
      simpleTable(CORRECTION_COLUMNS, report.changedSince.map(correctionCells), [110, 60, 50, 50, 90, '*', 110]),
    );
  }
  if (report.items) {
    content.push(
      { text: 'Besluiten en actiepunten', style: 'h2', margin: [0, 12, 0, 4] },
      report.items.length > 0
        ? simpleTable(ITEM_COLUMNS, report.items.map(itemCells), [55, '*', 90, 80, 50, 150])
        : { text: 'Geen besluiten of actiepunten.' },
    );
  }
  return renderA4Landscape(
    { title: report.title, dvoName: report.dvoName, footer: `${report.dvoName}: ${report.title}` },
    content,
  );
}

/**
 * An A4 landscape report as the exports print it: Roboto, the title styles, and a footer with the
 * report's name and the page number. The deviation list, the meetings and the Jaarevaluatie use it.
 */
export function renderA4Landscape(
  meta: { title: string; dvoName: string; footer: string },
  content: Content[],
): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 40],
    info: { title: meta.title, subject: meta.dvoName, creator: 'dvo-monitor', producer: 'dvo-monitor' },
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
      th: { bold: true, fillColor: '#1F4E79', color: '#FFFFFF' },
      small: { fontSize: 7.5, color: '#444444' },
    },
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: meta.footer, fontSize: 7.5, color: '#444444' },
        { text: `pagina ${currentPage} van ${pageCount}`, alignment: 'right', fontSize: 7.5 },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
  };
  return pdfMake().createPdf(doc).getBuffer();
}
