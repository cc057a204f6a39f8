import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../server/demo.ts';
import type { Indicator } from '../../shared/contracts/catalogue.ts';
import type { DeviationsResponse } from '../../shared/contracts/deviations.ts';
import type { FiguresResponse } from '../../shared/contracts/figures.ts';
import type { StatusResponse } from '../../shared/contracts/status.ts';
import { describeNormView } from '../../shared/domain/deviation-report.ts';
import { describeNorm, formatSegment } from '../../shared/domain/format-nl.ts';
import { STATUS_LEGEND } from '../../shared/domain/statuses.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../helpers/test-app.ts';

// Issue #13 points 7 and 10: the exports a wethouder reads without the app, opened with real readers
// (pdftotext, exceljs, unzip), checked for what a reader looks for: words instead of catalogue codes,
// a legend of the statuses and the margin, each deviation's course and forecast, printable sheets,
// and the new Maandoverzicht and figure workbooks with typed numbers.

const DVO = 'deventer-konnected-2024';
const MONTH = '2024-06';
let ctx: TestContext;
let lezer: LoggedIn;
let dir: string;
let catalogue: Indicator[];
let deviations: DeviationsResponse;

async function download(url: string) {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}${url}`, headers: lezer.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

const squash = (s: string) => s.replace(/\s+/g, '');

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

function docxText(bytes: Buffer): string {
  const file = path.join(dir, 'export.docx');
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-p', file, 'word/document.xml'])
    .toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** Every text a workbook shows: the cells of every sheet, and the notes. */
function workbookText(book: ExcelJS.Workbook): string {
  const parts: string[] = [];
  book.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        parts.push(cell.text);
        if (cell.note) parts.push(typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note));
      }),
    );
  });
  return parts.join('\n');
}

/**
 * What must never reach a reader: an indicator code or segment code written as a code (with `_` or
 * `>`), or any snake_case key. Codes that are one plain Dutch word ("uitstroom") are words.
 */
function expectNoCodes(text: string, where: string) {
  for (const indicator of catalogue) {
    if (/[_>]/.test(indicator.code)) expect(text, `${where}: ${indicator.code}`).not.toContain(indicator.code);
    for (const segment of indicator.segments)
      if (/[_>]/.test(segment)) expect(text, `${where}: ${segment}`).not.toContain(segment);
  }
  expect(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? [], where).toEqual([]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-reader-exports-'));
  ctx = await createTestApp({ now: new Date('2024-10-15T09:00:00.000Z') });
  await loadDemoData(ctx.db, { info: () => undefined });
  lezer = await login(ctx.app, 'lezer');
  catalogue = (await download('/indicators')).json().indicators;
  deviations = (await download(`/deviations?period=${MONTH}`)).json();
});
afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('words, not codes', () => {
  it('names every norm, segment and article in words for the demo DVO', async () => {
    const texts = catalogue.map((indicator) => describeNorm(indicator, catalogue));
    const status: StatusResponse = (await download(`/status?period=${MONTH}`)).json();
    texts.push(...status.rows.map((row) => describeNormView(row)));
    for (const indicator of catalogue) texts.push(...indicator.segments.map(formatSegment));
    expectNoCodes(texts.join('\n'), 'norm texts');
    // art. 14's base is the cohort's intake, a parameter of the norm: named in words like a base agreement
    const relative = catalogue.find((i) => i.norm.basis === 'relative') as Indicator;
    const norm = relative.norm as Extract<Indicator['norm'], { basis: 'relative' }>;
    const baseName =
      'baseIndicator' in norm ? catalogue.find((i) => i.code === norm.baseIndicator)?.name : norm.baseParameter.name;
    expect(describeNorm(relative, catalogue)).toContain(`1/6 van “${baseName}”`);
  });

  it('keeps codes out of every export of the deviation list, the Maandoverzicht and the figures', async () => {
    const csv = (await download(`/deviations?period=${MONTH}&format=csv`)).rawPayload.toString('utf8');
    expectNoCodes(csv, 'csv');
    expectNoCodes(
      workbookText(await workbook((await download(`/deviations?period=${MONTH}&format=xlsx`)).rawPayload)),
      'xlsx',
    );
    const pdf = pdfText((await download(`/deviations?period=${MONTH}&format=pdf`)).rawPayload, 'codes.pdf');
    expectNoCodes(pdf, 'pdf');
    expect(pdf).not.toContain('art. Social');
    expectNoCodes(docxText((await download(`/deviations?period=${MONTH}&format=docx`)).rawPayload), 'docx');
    expectNoCodes(
      workbookText(await workbook((await download(`/status?period=${MONTH}&format=xlsx`)).rawPayload)),
      'maand',
    );
    expectNoCodes(workbookText(await workbook((await download('/figures?format=xlsx')).rawPayload)), 'cijfers');
  }, 60_000);
});

describe('the deviation PDF a wethouder reads alone', () => {
  it('explains every status and the margin, and gives each deviation its course and forecast', async () => {
    const bytes = (await download(`/deviations?period=${MONTH}&format=pdf`)).rawPayload;
    const text = pdfText(bytes, 'wethouder.pdf');
    const flat = squash(text);
    expect(flat).toContain('Leeswijzer');
    for (const s of STATUS_LEGEND) {
      expect(flat).toContain(squash(s.label));
      expect(flat).toContain(squash(s.meaning));
    }
    expect(flat).toContain(squash('Marge: hoe ver een afspraak de norm tot nu mag missen'));
    // one course line per deviation, ending in June with the status it has now
    expect((text.match(/Verloop: /g) ?? []).length).toBe(deviations.rows.length);
    const uitstroom = deviations.rows.find((r) => r.indicator === 'uitstroom' && r.segment === null);
    expect(uitstroom?.forecast).toBeDefined();
    expect(flat).toContain(squash(`Prognose jaareinde ${Math.round(uitstroom?.forecast ?? 0)}`));
    expect(flat).toMatch(/jun181\(aandacht\)|jun181\(afwijking\)/);
    // looked at as a page: written for the report and checked by eye (tests/exports/README)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      path.join(dir, 'wethouder.pdf'),
      path.join(dir, 'page'),
    ]);
    expect(readFileSync(path.join(dir, 'page-1.png')).length).toBeGreaterThan(10_000);
  }, 60_000);

  it('puts the legend and the course in the Word document too', async () => {
    const text = squash(docxText((await download(`/deviations?period=${MONTH}&format=docx`)).rawPayload));
    expect(text).toContain('Leeswijzer');
    for (const s of STATUS_LEGEND) expect(text).toContain(squash(s.meaning));
    expect(text.split('Verloop:').length - 1).toBe(deviations.rows.length);
  });
});

describe('the deviation workbook', () => {
  it('prints A4 landscape fit to width with the header row on every page, and has Verloop and Leeswijzer', async () => {
    const book = await workbook((await download(`/deviations?period=${MONTH}&format=xlsx`)).rawPayload);
    for (const name of ['Afwijkingen', 'Verloop', 'Leeswijzer']) {
      const sheet = book.getWorksheet(name) as ExcelJS.Worksheet;
      expect(sheet, name).toBeDefined();
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      });
    }
    const legend = book.getWorksheet('Leeswijzer') as ExcelJS.Worksheet;
    const legendText = workbookText(book);
    for (const s of STATUS_LEGEND) expect(legendText).toContain(s.meaning);
    expect(legend.getCell('A9').text).toBe('Marge');

    const main = book.getWorksheet('Afwijkingen') as ExcelJS.Worksheet;
    const headers = (main.getRow(1).values as unknown[]).slice(1);
    const col = (header: string) => headers.indexOf(header) + 1;
    const trend = book.getWorksheet('Verloop') as ExcelJS.Worksheet;
    const trendHeaders = (trend.getRow(1).values as unknown[]).slice(1);
    expect(trendHeaders.slice(3, 9)).toEqual(['jan', 'feb', 'mrt', 'apr', 'mei', 'jun']);
    deviations.rows.forEach((row, i) => {
      const forecast = main.getRow(i + 2).getCell(col('Prognose jaareinde'));
      if (row.forecast === undefined) expect(forecast.value).toBeNull();
      else expect(forecast.value).toBeCloseTo(row.forecast, 9);
      expect(main.getRow(i + 2).getCell(col('Verloop (laatste maanden)')).text).toMatch(/jun .+\(.+\)$/);
      // June in the course sheet is the realisation of the list itself, as a typed number
      const june = trend.getRow(i + 2).getCell(9);
      if (row.actual === null) expect(june.value).toBeNull();
      else {
        expect(june.type).toBe(ExcelJS.ValueType.Number);
        expect(june.value).toBeCloseTo(row.actual, 9);
      }
    });
  });
});

describe('Maandoverzicht and figures as workbooks', () => {
  it('gives every agreement of the month with typed realisation, norm to date, status and forecast', async () => {
    const response = await download(`/status?period=${MONTH}&format=xlsx`);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="maandoverzicht-${DVO}-${MONTH}.xlsx"`);
    const status: StatusResponse = (await download(`/status?period=${MONTH}`)).json();
    const book = await workbook(response.rawPayload);
    const sheet = book.getWorksheet('Maandoverzicht') as ExcelJS.Worksheet;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' });
    expect(sheet.rowCount).toBe(status.rows.length + 1);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (header: string) => headers.indexOf(header) + 1;
    const byName = new Map(catalogue.map((i) => [i.code, i.name]));
    status.rows.forEach((row, i) => {
      const line = sheet.getRow(i + 2);
      expect(line.getCell(col('Afspraak')).text).toBe(byName.get(row.indicator));
      for (const [header, value] of [
        ['Realisatie', row.actual],
        ['Norm tot nu', row.expected],
        ['Prognose jaareinde', row.forecast ?? null],
      ] as const) {
        const cell = line.getCell(col(header));
        if (value === null) expect(cell.value, `${row.indicator} ${header}`).toBeNull();
        else expect(cell.value, `${row.indicator} ${header}`).toBeCloseTo(value, 9);
      }
    });
    expect(book.getWorksheet('Leeswijzer')).toBeDefined();
  });

  it('gives every delivered revision with segment, who and when, for a pivot table', async () => {
    const json: FiguresResponse = (await download('/figures?from=2024-04&to=2024-06')).json();
    const response = await download('/figures?from=2024-04&to=2024-06&format=xlsx');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="cijfers-${DVO}-2024-04-2024-06.xlsx"`);
    const book = await workbook(response.rawPayload);
    const sheet = book.getWorksheet('Cijfers') as ExcelJS.Worksheet;
    const revisions = json.figures.flatMap((f) => f.revisions.map((r) => ({ figure: f, revision: r })));
    expect(revisions.length).toBeGreaterThan(50);
    expect(sheet.rowCount).toBe(revisions.length + 1);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (header: string) => headers.indexOf(header) + 1;
    revisions.forEach(({ figure, revision }, i) => {
      const line = sheet.getRow(i + 2);
      expect(line.getCell(col('Periode')).text).toBe(figure.period);
      expect(line.getCell(col('Segment')).text).toBe(formatSegment(figure.segment));
      for (const field of ['value', 'numerator', 'denominator'] as const) {
        const header = { value: 'Waarde', numerator: 'Teller', denominator: 'Noemer' }[field];
        const cell = line.getCell(col(header));
        if (revision[field] === null) expect(cell.value).toBeNull();
        else expect(cell.value).toBe(revision[field]);
      }
      expect(line.getCell(col('Geleverd door')).text).toBe(revision.recordedBy);
      expect(line.getCell(col('Geleverd op')).value).toEqual(new Date(revision.recordedAt));
      expect(line.getCell(col('Geldend')).text).toBe(revision.supersededAt === null ? 'ja' : 'nee');
    });
  });

  it('refuses a bad month with a Dutch 400, not a file', async () => {
    const response = await ctx.app.inject({
      url: `/api/dvos/${DVO}/status?period=2024-13&format=xlsx`,
      headers: lezer.headers(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/periode|maand/i);
  });
});
