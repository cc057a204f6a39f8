import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviationRow, DeviationsResponse } from '../../../shared/contracts/deviations.ts';
import { DEVIATION_STATUS_LABEL, REPORT_COLUMNS } from '../../../shared/domain/deviation-report.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { STATUS_FILL } from '../../core/reports/xlsx.ts';

// The exports read back by real readers: LibreOffice converts the CSV and the XLSX back to CSV,
// pdftotext reads the PDF, and the DOCX is unzipped. Every reader must find every row of the JSON.

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let gemeente: LoggedIn;
let lezer: LoggedIn;
let dir: string;
let json: DeviationsResponse;

/** Texts a spreadsheet would take for a formula, and text with delimiters, quotes and a line break. */
const TRICKY = {
  uitstroom: '=1+2',
  lks_nieuw: '+31 570 693 000: werkgeversservicepunt bellen',
  beschut_extern: '-5 plaatsingen door ziekte; "Circulus" wacht\nTweede regel',
  matchen_pva_6wk: '@teamleiders: intake sneller plannen',
  vso_pro_plaatsingen: '=HYPERLINK("http://example.org")',
};
const MAATREGEL = { text: '=SOM(A1:A3) extra jobhunter', owner: '@KonnecteD', deadline: '2024-12-01' };

async function download(url: string, who: LoggedIn = lezer) {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}${url}`, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

/** LibreOffice (Calc) converts a file to a comma CSV, one conversion at a time, with its own profile. */
function libreOfficeToCsv(file: string, infilter?: string): string[][] {
  const out = path.join(dir, `lo-out-${randomBytes(4).toString('hex')}`);
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  mkdirSync(out);
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        // comma, quote, UTF-8, from line 1; token 9 false: numbers as stored, not as formatted
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false',
        '--outdir',
        out,
        file,
      ],
      { timeout: 90_000, stdio: 'pipe' },
    );
    const text = readFileSync(path.join(out, `${path.basename(file, path.extname(file))}.csv`), 'utf8');
    return parse(text, { relax_column_count: true }) as string[][];
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const column = (header: string) => REPORT_COLUMNS.findIndex((c) => c.header === header);
const squash = (s: string) => s.replace(/\s+/g, '');
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-exports-'));
  ctx = await createTestApp({ demo: true });
  gemeente = await login(ctx.app, 'gemeente');
  lezer = await login(ctx.app, 'lezer');
  const konnected = await login(ctx.app, 'konnected');
  const first: DeviationsResponse = (await download('/deviations?period=2024-06', gemeente)).json();
  for (const [indicator, text] of Object.entries(TRICKY)) {
    const id = first.rows.find((r) => r.indicator === indicator && r.segment === null)?.deviationId;
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/dvos/${DVO}/deviations/${id}/toelichting`,
      headers: konnected.headers(true),
      payload: { text },
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  const uitstroom = first.rows.find((r) => r.indicator === 'uitstroom')?.deviationId;
  const measure = await ctx.app.inject({
    method: 'PUT',
    url: `/api/dvos/${DVO}/deviations/${uitstroom}/maatregel`,
    headers: konnected.headers(true),
    payload: MAATREGEL,
  });
  expect(measure.statusCode).toBe(200);
  json = (await download('/deviations?period=2024-06')).json();
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectRowsMatch(
  records: string[][],
  rows: readonly DeviationRow[],
  tolerance: number,
  inert: (text: string) => string,
) {
  expect(records[0]?.slice(0, REPORT_COLUMNS.length)).toEqual(REPORT_COLUMNS.map((c) => c.header));
  const body = records.slice(1).filter((r) => r.some((cell) => cell !== ''));
  expect(body).toHaveLength(rows.length);
  rows.forEach((row, i) => {
    const record = body[i] as string[];
    const cell = (header: string) => record[column(header)] as string;
    expect(cell('Status')).toBe(DEVIATION_STATUS_LABEL[row.status as keyof typeof DEVIATION_STATUS_LABEL]);
    expect(cell('Afspraak')).toBe(row.name);
    expect(cell('Artikel')).toBe(row.article);
    for (const [header, value] of [
      ['Realisatie', row.actual],
      ['Norm tot nu', row.expected],
    ] as const) {
      if (value === null) expect(cell(header)).toBe('');
      else expect(Math.abs(Number(cell(header)) - value), `${row.indicator} ${header}`).toBeLessThanOrEqual(tolerance);
    }
    expect(cell('Toelichting')).toBe(row.toelichting ? inert(row.toelichting) : '');
    expect(cell('Maatregel')).toBe(row.maatregel ? inert(row.maatregel.text) : '');
    expect(cell('Eigenaar')).toBe(row.maatregel?.owner ? inert(row.maatregel.owner) : '');
  });
}

describe('CSV for Dutch Excel', () => {
  it('has a BOM, semicolons and decimal commas, and LibreOffice reads back the rows of the JSON', async () => {
    const response = await download('/deviations?period=2024-06&format=csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="afwijkingen-deventer-konnected-2024-2024-06.csv"',
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(REPORT_COLUMNS.map((c) => c.header).join(';'));
    expect(text).toContain(';181;200;'); // uitstroom in June
    expect(text).toMatch(/;86,\d;100;/); // groeien_pva_6wk: a decimal comma, one decimal
    const file = path.join(dir, 'afwijkingen.csv');
    writeFileSync(file, bytes);
    // as Dutch Excel reads it: `;`, `"`, UTF-8, Dutch number format
    const records = libreOfficeToCsv(file, 'CSV:59,34,76,1,,1043');
    // a CSV holds display values: one decimal (two for fte), so within half a step
    expectRowsMatch(records, json.rows, 0.05, (t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t));
  }, 120_000);

  it('never lets a toelichting, maatregel or eigenaar start a formula', async () => {
    const text = (await download('/deviations?period=2024-06&format=csv')).rawPayload.toString('utf8');
    const records = parse(text.slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
    const cells = records.flat();
    for (const cell of cells) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
    expect(cells).toContain("'=1+2");
    expect(cells).toContain("'@KonnecteD");
    expect(cells).toContain(`'${TRICKY.vso_pro_plaatsingen}`);
  });
});

describe('XLSX', () => {
  it('has typed numbers, a frozen header, widths and the status in Dutch on its colour; LibreOffice reads back the rows', async () => {
    const response = await download('/deviations?period=2024-06&format=xlsx');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="afwijkingen-deventer-konnected-2024-2024-06.xlsx"',
    );
    const file = path.join(dir, 'afwijkingen.xlsx');
    writeFileSync(file, response.rawPayload);
    // unrounded numbers: the same values as the JSON
    expectRowsMatch(libreOfficeToCsv(file), json.rows, 1e-9, (t) => t);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Afwijkingen') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(column('Afspraak') + 1).width).toBeGreaterThan(30);
    json.rows.forEach((row, i) => {
      const excelRow = sheet.getRow(i + 2);
      const status = excelRow.getCell(column('Status') + 1);
      expect(status.value).toBe(DEVIATION_STATUS_LABEL[row.status as keyof typeof DEVIATION_STATUS_LABEL]);
      expect((status.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
        STATUS_FILL[row.status as keyof typeof STATUS_FILL],
      );
      const actual = excelRow.getCell(column('Realisatie') + 1);
      expect(actual.type).toBe(row.actual === null ? ExcelJS.ValueType.Null : ExcelJS.ValueType.Number);
    });
    const uitstroom = sheet.getRow(json.rows.findIndex((r) => r.indicator === 'uitstroom') + 2);
    expect(uitstroom.getCell(column('Realisatie') + 1).numFmt).toBe('#,##0.0');
    expect(uitstroom.getCell(column('Deadline') + 1).value).toEqual(new Date('2024-12-01T12:00:00.000Z'));
  }, 120_000);

  it('stores a toelichting that looks like a formula as text, never as a formula', async () => {
    const bytes = (await download('/deviations?period=2024-06&format=xlsx')).rawPayload;
    const file = path.join(dir, 'formula.xlsx');
    writeFileSync(file, bytes);
    const sheetXml = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(sheetXml).not.toContain('<f>');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Afwijkingen') as ExcelJS.Worksheet;
    const cell = sheet
      .getRow(json.rows.findIndex((r) => r.indicator === 'uitstroom') + 2)
      .getCell(column('Toelichting') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+2');
  });
});

describe('PDF', () => {
  it('is an A4 report with DVO, period, export date, summary, every row with toelichting and maatregel, and page numbers', async () => {
    const response = await download('/deviations?period=2024-06&format=pdf');
    expect(response.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'afwijkingen.pdf');
    writeFileSync(file, response.rawPayload);
    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
    const flat = squash(text);
    for (const expected of [
      'DVO 2024 gemeente Deventer – KonnecteD',
      'Afwijkingen juni 2024',
      'Datum export',
      '15 oktober 2024 om 11:00',
      'Samenvatting',
      `pagina 1 van ${pages}`,
      `pagina ${pages} van ${pages}`,
    ])
      expect(flat).toContain(squash(expected));
    for (const name of new Set(json.rows.map((r) => r.name))) {
      expect(occurrences(flat, squash(name)), name).toBe(json.rows.filter((r) => r.name === name).length);
    }
    for (const row of json.rows) {
      if (row.toelichting) expect(flat).toContain(squash(row.toelichting));
      if (row.maatregel) expect(flat).toContain(squash(row.maatregel.text));
    }
  }, 60_000);
});

describe('DOCX', () => {
  it('carries the same report for Word: every row, toelichting and maatregel, landscape A4, "pagina X van Y"', async () => {
    const response = await download('/deviations?period=2024-Q2&format=docx');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="afwijkingen-deventer-konnected-2024-2024-q2.docx"',
    );
    const file = path.join(dir, 'afwijkingen.docx');
    writeFileSync(file, response.rawPayload);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    const text = xml
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const flat = squash(text);
    expect(flat).toContain(squash('Afwijkingen 2e kwartaal 2024'));
    for (const name of new Set(json.rows.map((r) => r.name))) {
      expect(occurrences(flat, squash(name)), name).toBe(json.rows.filter((r) => r.name === name).length);
    }
    for (const row of json.rows) {
      if (row.toelichting) for (const line of row.toelichting.split('\n')) expect(flat).toContain(squash(line));
      if (row.maatregel) expect(flat).toContain(squash(row.maatregel.text));
    }
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    const footer = execFileSync('unzip', ['-p', file, 'word/footer1.xml']).toString('utf8');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(squash(footer.replace(/<[^>]+>/g, ''))).toMatch(/^pagina.*PAGE.*van.*NUMPAGES/);
  });
});

describe('a meeting export', () => {
  it('carries the meeting, its action items and the rows as they stood when it was opened', async () => {
    const opened = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/meetings`,
      headers: gemeente.headers(true),
      payload: {
        type: 'bestuurlijk_overleg',
        date: '2024-10-15',
        period: '2024-06',
        attendees: ['wethouder', 'directeur-bestuurder'],
      },
    });
    expect(opened.statusCode).toBe(201);
    const meeting = opened.json();
    await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/meetings/${meeting.id}/items`,
      headers: gemeente.headers(true),
      payload: {
        kind: 'actiepunt',
        text: 'Plan van aanpak beschut werk naar de raad',
        owner: 'wethouder',
        deadline: '2024-11-30',
      },
    });
    const response = await download(`/meetings/${meeting.id}/deviations?format=pdf`);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="bestuurlijk-overleg-2024-10-15-afwijkingen-deventer-konnected-2024.pdf"',
    );
    const file = path.join(dir, 'overleg.pdf');
    writeFileSync(file, response.rawPayload);
    const flat = squash(execFileSync('pdftotext', [file, '-']).toString('utf8'));
    for (const expected of [
      'Bestuurlijk overleg 15 oktober 2024',
      'wethouder, directeur-bestuurder',
      'Besluiten en actiepunten',
      'Plan van aanpak beschut werk naar de raad',
    ])
      expect(flat).toContain(squash(expected));
    for (const row of json.rows) expect(flat).toContain(squash(row.name));
  });
});
