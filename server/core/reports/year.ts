import { HeadingLevel, Paragraph, type Table } from 'docx';
import type { Content } from 'pdfmake/interfaces';
import type { YearReport } from '../../../shared/domain/year-report.ts';
import { STATUS_HEX } from './colours.ts';
import { heading, renderA4LandscapeDocx, simpleTable, text } from './docx.ts';
import { renderA4Landscape, statusLegendTable } from './pdf.ts';

/** The Jaarevaluatie as a PDF (A4 landscape): facts, leeswijzer, per chapter a summary and the agreements. */
export async function renderYearPdf(report: YearReport): Promise<Buffer> {
  const content: Content[] = [
    { text: `${report.title}: ${report.dvoName}`, style: 'title' },
    {
      table: {
        widths: [110, '*'],
        body: report.facts.map((f) => [{ text: f.label, bold: true }, { text: f.value }]),
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    { text: 'Leeswijzer', style: 'h2' },
    statusLegendTable(report.legend.statuses),
    ...[
      report.legend.prognose,
      report.legend.definitief,
      report.legend.marks,
      report.legend.effect,
      report.legend.margin,
    ].map((t): Content => ({ text: t, margin: [0, 0, 0, 3] })),
  ];
  for (const chapter of report.chapters) {
    content.push({ text: chapter.name, style: 'h2', pageBreak: 'before' });
    content.push({
      text: `Jaarresultaat (${report.basis}): ${chapter.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ')}.`,
    });
    content.push({
      text:
        chapter.offTrack.length > 0
          ? `Afwijking op het jaar: ${chapter.offTrack.join('; ')}.`
          : 'Geen afspraak wijkt op het jaar af.',
      margin: [0, 0, 0, 6],
    });
    const body: Content[][] = [
      ['Afspraak', 'Jaarresultaat', 'Norm', 'Maanden', 'Vorig jaar', 'Afwijkingen en maatregelen'].map((h) => ({
        text: h,
        style: 'th',
      })),
    ];
    for (const l of chapter.lines) {
      body.push([
        { text: l.agreement, bold: true },
        { stack: [{ text: l.statusLabel, bold: true, fillColor: `#${STATUS_HEX[l.status]}` }, { text: l.resultText }] },
        { text: l.normText },
        {
          stack: [
            { text: l.monthsText, style: 'small' },
            { text: l.deviationText, style: 'small' },
          ],
        },
        { text: l.previousText },
        {
          stack:
            l.threads.length > 0
              ? l.threads.map((t) => ({
                  text: [
                    { text: `Sinds ${t.since}, ${t.state}. `, bold: true },
                    t.toelichting ? `Toelichting: ${t.toelichting} ` : '',
                    `Maatregel: ${t.maatregel}${t.effect ? ` (${t.effect})` : ''}.`,
                  ],
                  margin: [0, 0, 0, 3] as [number, number, number, number],
                }))
              : [{ text: 'Geen afwijking besproken.' }],
        },
      ]);
    }
    content.push({
      table: { headerRows: 1, dontBreakRows: true, widths: [130, 80, 90, 120, 80, '*'], body },
      layout: 'lightHorizontalLines',
    });
  }
  return renderA4Landscape(
    { title: report.title, dvoName: report.dvoName, footer: `${report.dvoName}: ${report.title} (${report.basis})` },
    content,
  );
}

/** The Jaarevaluatie as a Word document, the same content as the PDF. */
export async function renderYearDocx(report: YearReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    heading(`${report.title}: ${report.dvoName}`, HeadingLevel.TITLE),
    ...report.facts.map((f) => new Paragraph({ children: [text(`${f.label}: `, { bold: true }), text(f.value)] })),
    heading('Leeswijzer', HeadingLevel.HEADING_2),
    simpleTable(
      ['Status', 'Betekenis'],
      report.legend.statuses.map((s) => [s.label, s.meaning]),
      [20, 80],
      report.legend.statuses.map((s) => STATUS_HEX[s.status]),
    ),
    ...[
      report.legend.prognose,
      report.legend.definitief,
      report.legend.marks,
      report.legend.effect,
      report.legend.margin,
    ].map((t) => new Paragraph({ children: [text(t)] })),
  ];
  for (const chapter of report.chapters) {
    children.push(
      heading(chapter.name, HeadingLevel.HEADING_2),
      new Paragraph({
        children: [
          text(
            `Jaarresultaat (${report.basis}): ${chapter.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ')}.`,
          ),
        ],
      }),
      new Paragraph({
        children: [
          text(
            chapter.offTrack.length > 0
              ? `Afwijking op het jaar: ${chapter.offTrack.join('; ')}.`
              : 'Geen afspraak wijkt op het jaar af.',
          ),
        ],
      }),
      simpleTable(
        ['Status', 'Afspraak', 'Jaarresultaat', 'Norm', 'Maanden', 'Vorig jaar', 'Afwijkingen en maatregelen'],
        chapter.lines.map((l) => [
          l.statusLabel,
          l.agreement,
          l.resultText,
          l.normText,
          `${l.monthsText}\n${l.deviationText}`,
          l.previousText,
          l.threads.length > 0
            ? l.threads
                .map(
                  (t) =>
                    `Sinds ${t.since}, ${t.state}. ${t.toelichting ? `Toelichting: ${t.toelichting} ` : ''}Maatregel: ${t.maatregel}${t.effect ? ` (${t.effect})` : ''}.`,
                )
                .join('\n')
            : 'Geen afwijking besproken.',
        ]),
        [9, 17, 12, 14, 16, 12, 20],
        chapter.lines.map((l) => STATUS_HEX[l.status]),
      ),
    );
  }
  return renderA4LandscapeDocx({ title: report.title, dvoName: report.dvoName }, children);
}
