import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DvoCatalogueSchema } from '../../../../shared/contracts/catalogue.ts';
import type { FigureValue, Problem } from '../../../../shared/contracts/figures.ts';
import { createFigureValidator, type NormalizedFigure } from '../../../../shared/domain/validate-figures.ts';
import { AppError } from '../../../errors.ts';
import { detectDelimiter } from './csv.ts';
import { type ParseItem, parseImportFile, parseImportFileBatches } from './index.ts';
import { detectFileKind } from './sniff.ts';
import { columnLetter } from './table.ts';
import { Utf8Text } from './text.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const goodDir = path.join(root, 'fixtures/imports/good');
const badDir = path.join(root, 'fixtures/imports/bad');
const catalogue = DvoCatalogueSchema.parse(
  JSON.parse(readFileSync(path.join(root, 'fixtures/dvos/deventer-konnected-2024.json'), 'utf8')),
);

interface Context {
  dvoYear: number;
  today: string;
  lockedPeriods: string[];
  existing: FigureValue[];
}
interface Expected {
  context: Context;
  files: Record<string, { status: number; context?: Partial<Context>; errors: Problem[] }>;
}
const expected = JSON.parse(readFileSync(path.join(badDir, 'expected.json'), 'utf8')) as Expected;

const plain = ({ row, column, message }: Problem): Problem => ({
  ...(row === undefined ? {} : { row }),
  ...(column === undefined ? {} : { column }),
  message,
});

/** Parse + validate as the import service does (row by row as they stream); status as the API would answer. */
async function importFile(file: string, context: Context = expected.context, highWaterMark?: number) {
  try {
    const validationContext = { dvoYear: context.dvoYear, today: context.today, indicators: catalogue.indicators };
    let validator = createFigureValidator({ ...validationContext, lockedPeriods: context.lockedPeriods });
    let format: string | null = null;
    const problems: Problem[] = [];
    const batches = parseImportFileBatches({
      stream: createReadStream(file, highWaterMark ? { highWaterMark } : {}),
      filename: path.basename(file),
    });
    for await (const batch of batches) {
      for (const item of batch) {
        if (item.type === 'header') {
          format = item.format;
          validator = createFigureValidator({
            ...validationContext,
            lockedPeriods: context.lockedPeriods,
            delimiter: item.numberDelimiter,
          });
        } else if (item.type === 'row') validator.add(item);
        else problems.push(item);
      }
    }
    const result = validator.finish(context.existing);
    const errors = [...problems, ...result.errors].map(plain);
    const status = errors.length === 0 ? 200 : result.errors.some((e) => e.code === 'locked') ? 409 : 422;
    return { status, errors, warnings: result.warnings, figures: result.figures, format };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'unsupported_media_type')) throw error;
    return { status: 415, errors: [{ message: error.message }], warnings: [], figures: [], format: null };
  }
}

async function collect(items: AsyncIterable<ParseItem>): Promise<ParseItem[]> {
  const all: ParseItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** What a file that is neither CSV nor XLSX is refused with. */
const wrongFileType = { code: 'unsupported_media_type', statusCode: 415 };

const parseText = (text: string | Buffer | Buffer[], filename = 'test.csv') =>
  collect(parseImportFile({ stream: Readable.from(Array.isArray(text) ? text : [Buffer.from(text)]), filename }));

function figure(
  indicator: string,
  period: string,
  segment: string | null,
  value: number | null,
  row: number,
  extra: Partial<NormalizedFigure> = {},
): NormalizedFigure {
  return { indicator, period, segment, value, numerator: null, denominator: null, comment: null, row, ...extra };
}
const ratio = (period: string, numerator: number, denominator: number, row: number, comment: string | null = null) =>
  figure('wsw_verzuim', period, null, null, row, { numerator, denominator, comment });

const GOOD: Record<string, NormalizedFigure[]> = {
  'comma-utf8.csv': [
    figure('uitstroom', '2024-01', 'matchen', 21, 2),
    figure('uitstroom', '2024-01', 'groeien', 9, 3),
    ratio('2024-01', 412, 2980, 4),
    figure('beschut_dienstverbanden', '2024-01', null, 74, 5),
    figure('clientkosten_besteed', '2024-01', null, 81234.56, 6, { comment: 'Januari incl. opleidingen' }),
  ],
  'semicolon-decimal-comma.csv': [
    figure('clientkosten_besteed', '2024-02', null, 81234.56, 2),
    figure('clientkosten_besteed', '2024-03', null, 1234, 3, { comment: 'alleen duizendtallen' }),
    ratio('2024-02', 1012.5, 7340, 4, 'halve dagen meegeteld'),
    figure('klanttevredenheid', '2024', null, 7.4, 5),
    figure('uitstroom', '2024-02', 'matchen', 1002, 6),
  ],
  'tab-delimited.csv': [
    figure('uitstroom', '2024-02', 'matchen', 18, 2),
    figure('klanttevredenheid', '2024', null, 7.4, 3, { comment: 'KTO voorjaar' }),
    figure('clientkosten_besteed', '2024-02', null, 79850.25, 4),
    ratio('2024-02', 401.5, 2990, 5),
  ],
  'utf8-bom.csv': [
    figure('uitstroom', '2024-04', 'matchen', 19, 2, { comment: 'één cliënt naar zelfstandig ondernemerschap' }),
    figure('beschut_dienstverbanden', '2024-04', null, 76, 3),
  ],
  'windows-1252.csv': [
    figure('uitstroom', '2024-05', 'groeien', 8, 2, { comment: 'Café-project gestart – één deelnemer uitgestroomd' }),
    figure('clientkosten_besteed', '2024-05', null, 82500, 3, { comment: 'Financiën: € 2.500 extra voor coördinatie' }),
  ],
  'utf16le-tab.csv': [figure('uitstroom', '2024-06', 'matchen', 17, 2, { comment: 'geëxporteerd als Unicode-tekst' })],
  'blank-lines.csv': [
    figure('uitstroom', '2024-03', 'matchen', 20, 2),
    figure('uitstroom', '2024-03', 'groeien', 10, 4),
    figure('beschut_dienstverbanden', '2024-03', null, 73, 7),
  ],
  'trailing-empty-columns.csv': [
    figure('uitstroom', '2024-02', 'groeien', 7, 2),
    figure('lks_behoud', '2024-Q1', null, 255, 3),
  ],
  'excel-periods.csv': [
    figure('uitstroom', '2024-03', 'matchen', 22, 2),
    figure('uitstroom', '2024-03', 'groeien', 12, 3),
    figure('beschut_dienstverbanden', '2024-03', null, 75, 4),
    figure('werkleerroute_instroom', '2024-02', 'horeca', 3, 5),
    figure('werkleerroute_instroom', '2024-03', 'techniek', 2, 6),
    ratio('2024-02', 380, 2950, 7),
    figure('lks_behoud', '2024-Q1', null, 258, 8),
  ],
  'quoted-fields.csv': [
    figure('uitstroom', '2024-03', 'matchen', 20, 2, { comment: 'Twee plaatsingen, één bij de gemeente' }),
    figure('uitstroom', '2024-03', 'groeien', 10, 3, { comment: 'Regel één\nregel twee, met komma\nregel "drie"' }),
    figure('beschut_dienstverbanden', '2024-03', null, 73, 4),
    ratio('2024-03', 400, 3000, 5, 'eind, van "maart"'),
  ],
  'english-headers.csv': [
    figure('lks_behoud', '2024-Q1', null, 260, 2, { comment: 'first quarter' }),
    ratio('2024-03', 390, 3000, 3),
    figure('werkleerroute_instroom', '2024-03', 'zorgondersteuning', 5, 4),
  ],
  'numbers-text-date.xlsx': [
    figure('uitstroom', '2024-04', 'matchen', 23, 2),
    figure('uitstroom', '2024-03', 'groeien', 11, 3, { comment: 'tekst in een cel' }),
    ratio('2024-04', 398, 3011, 4),
    figure('klanttevredenheid', '2024', null, 7.5, 5, { comment: 'als tekst ingevoerd' }),
    figure('beschut_dienstverbanden', '2024-04', null, 75, 6),
    figure('lks_behoud', '2024-Q1', null, 262, 7),
    figure('werkleerroute_instroom', '2024-03', 'horeca', 4, 9, { comment: 'opgemaakte tekst' }),
  ],
};

describe('good import fixtures', () => {
  it('has an expectation for every good fixture', () => {
    expect(readdirSync(goodDir).sort()).toEqual(Object.keys(GOOD).sort());
  });

  it.each(Object.entries(GOOD))('%s parses to the expected figures', async (name, figures) => {
    const result = await importFile(path.join(goodDir, name));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.figures).toEqual(figures);
    expect(result.format).toBe(name.endsWith('.xlsx') ? 'xlsx' : 'csv');
  });

  it.each(Object.keys(GOOD).filter((name) => name.endsWith('.csv')))(
    '%s gives the same figures when it arrives in tiny chunks',
    async (name) => {
      for (const highWaterMark of [1, 2, 3, 7]) {
        const result = await importFile(path.join(goodDir, name), expected.context, highWaterMark);
        expect(result.figures).toEqual(GOOD[name]);
      }
    },
  );
});

describe('bad import fixtures', () => {
  const files = readdirSync(badDir).filter((name) => name !== 'expected.json');

  it('has at least 25 fixtures, each described in expected.json', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.sort()).toEqual(Object.keys(expected.files).sort());
  });

  it.each(files)('%s is refused with exactly the expected errors', async (name) => {
    const spec = expected.files[name];
    if (!spec) throw new Error(`${name} ontbreekt in expected.json`);
    const result = await importFile(path.join(badDir, name), { ...expected.context, ...spec.context });
    expect({ status: result.status, errors: result.errors }).toEqual({ status: spec.status, errors: spec.errors });
  });

  it('refuses the locked-period fixture only because of the lock', async () => {
    const result = await importFile(path.join(badDir, 'locked-period.csv'));
    expect(result.status).toBe(200);
  });
});

describe('parseImportFile', () => {
  it('reports the header, then each row with raw cells and the column names as written', async () => {
    const items = await parseText('Indicator;Periode;Waarde;Toelichting\r\nuitstroom;mrt-24;1.002; ok \r\n');
    const columnNames = { indicator: 'Indicator', period: 'Periode', value: 'Waarde', comment: 'Toelichting' };
    expect(items).toEqual([
      { type: 'header', format: 'csv', row: 1, delimiter: ';', numberDelimiter: ';', columnNames },
      {
        type: 'row',
        row: 2,
        figure: { indicator: 'uitstroom', period: 'mrt-24', value: '1.002', comment: 'ok' },
        columns: columnNames,
      },
    ]);
  });

  it('numbers rows as Excel does: blank lines count, a multi-line quoted cell is one row', async () => {
    const text =
      '\r\nindicator,periode,waarde,toelichting\r\nuitstroom,2024-01,1,"a\r\nb\r\nc"\r\n\r\nuitstroom,2024-02,2,\r\n';
    const rows = (await parseText(text)).filter((item) => item.type !== 'problem');
    expect(rows.map((item) => [item.type, item.row])).toEqual([
      ['header', 2],
      ['row', 3],
      ['row', 5],
    ]);
  });

  it('numbers rows as Excel does across many blank lines and ragged rows, also where the parser gives up', async () => {
    const blank = '\r\n'.repeat(100_000);
    const text = `indicator;periode;waarde\r\n${blank}uitstroom;2024-01;1;;;\r\n;\r\n${blank}uitstroom;"2024-02;2\r\n`;
    const items = await parseText(text);
    expect(items.map((item) => [item.type, item.row])).toEqual([
      ['header', 1],
      ['row', 100_002],
      ['problem', 200_004],
    ]);
  });

  it('matches column names whatever their case and spacing, in any order', async () => {
    const items = await parseText(' NOEMER \tTeller\tPERIOD\tIndicator\n3000\t390\t2024-03\twsw_verzuim\n');
    expect(items[1]).toMatchObject({
      type: 'row',
      figure: { denominator: '3000', numerator: '390', period: '2024-03', indicator: 'wsw_verzuim' },
    });
  });

  it('lists an unknown column and still reads the rows', async () => {
    const items = await parseText('indicator;periode;waarde;opmerking\r\nuitstroom;2024-03;20;x\r\n');
    expect(items).toMatchObject([
      { type: 'problem', row: 1, column: 'opmerking', message: "Onbekende kolom 'opmerking'" },
      { type: 'header' },
      { type: 'row', row: 2, figure: { indicator: 'uitstroom', period: '2024-03', value: '20' } },
    ]);
  });

  it('reports every missing required column at once', async () => {
    const items = await parseText('segment;toelichting\r\nmatchen;x\r\n');
    expect(items).toEqual([
      { type: 'problem', row: 1, message: "Verplichte kolom 'indicator' ontbreekt" },
      { type: 'problem', row: 1, message: "Verplichte kolom 'periode' ontbreekt" },
      { type: 'problem', row: 1, message: "Kolom 'waarde' (of 'teller' en 'noemer') ontbreekt" },
    ]);
  });

  it('treats a file of blank lines as empty', async () => {
    expect(await parseText('\r\n;;;\r\n\r\n')).toEqual([{ type: 'problem', message: 'Het bestand is leeg' }]);
  });

  it('yields the first row before the file has ended: nothing waits for the whole file', async () => {
    const input = new PassThrough();
    const items = parseImportFile({ stream: input, filename: 'stream.csv' });
    // More than the few kilobytes the type sniffing looks at, far less than the whole file.
    input.write('indicator;periode;waarde;toelichting\r\n');
    for (let month = 1; month <= 11; month++) input.write(`uitstroom;2024-${month};${month};${'x'.repeat(1000)}\r\n`);
    expect((await items.next()).value).toMatchObject({ type: 'header' });
    expect((await items.next()).value).toMatchObject({ type: 'row', row: 2, figure: { value: '1' } });
    expect(input.writableEnded).toBe(false);
    input.end('uitstroom;2024-12;12;\r\n');
    const rest = await collect({ [Symbol.asyncIterator]: () => items });
    expect(rest.map((item) => item.type === 'row' && item.figure.period)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2024-${i + 2}`),
    );
  });

  it('refuses binary content found after the first bytes as the wrong file type', async () => {
    const text = Buffer.concat([
      Buffer.from(`indicator;periode;waarde\r\n${'uitstroom;2024-01;1\r\n'.repeat(400)}`),
      Buffer.from([0, 1, 2]),
    ]);
    await expect(parseText(text)).rejects.toMatchObject(wrongFileType);
    // Read as Windows-1252 by the time the NUL byte arrives in a later chunk.
    const windows1252 = iconv.encode(
      `indicator;periode;waarde;toelichting\r\nuitstroom;2024-01;1;café\r\n${' '.repeat(5000)}`,
      'win1252',
    );
    await expect(parseText([windows1252, Buffer.from([0x20, 0])])).rejects.toMatchObject(wrongFileType);
  });

  it('reads only the first worksheet of an XLSX, with numbers as numbers and date cells as dates', async () => {
    const items = await collect(
      parseImportFile({
        stream: createReadStream(path.join(goodDir, 'numbers-text-date.xlsx')),
        filename: 'cijfers.xlsx',
      }),
    );
    expect(items[0]).toMatchObject({ type: 'header', format: 'xlsx', delimiter: null, numberDelimiter: ';' });
    const rows = items.filter((item) => item.type === 'row');
    expect(rows).toHaveLength(7);
    expect(rows[0]?.figure).toMatchObject({ period: new Date(Date.UTC(2024, 3, 1)), value: 23 });
    expect(rows[3]?.figure).toMatchObject({ period: 2024, value: '7,5' });
    expect(rows[4]?.figure).toMatchObject({ value: 75 });
    expect(items.some((item) => item.type === 'problem')).toBe(false);
  });
});

describe('detectFileKind', () => {
  it('knows XLSX by the zip signature, whatever the name', () => {
    expect(detectFileKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('xlsx');
  });

  it('accepts text, with or without a BOM', () => {
    expect(detectFileKind(Buffer.from('indicator;periode\r\n'))).toBe('text');
    expect(detectFileKind(Buffer.from([0xff, 0xfe, 0x69, 0x00]))).toBe('text');
    expect(detectFileKind(Buffer.alloc(0))).toBe('empty');
  });

  it.each([
    ['%PDF-1.7', 'Het bestand is geen CSV of XLSX, maar een PDF.'],
    ['\x89PNG\r\n', 'Het bestand is geen CSV of XLSX, maar een PNG-afbeelding.'],
    [
      '\xd0\xcf\x11\xe0\xa1\xb1',
      'Het bestand is geen CSV of XLSX, maar een oud Excel-bestand (.xls); sla het op als .xlsx of CSV.',
    ],
    ['abc\x00def', 'Het bestand is geen CSV of XLSX (het bevat binaire gegevens).'],
    ['\x01\x02\x03\x04\x05abc', 'Het bestand is geen CSV of XLSX (het bevat binaire gegevens).'],
  ])('refuses %j with a 415 that says what it is', (head, message) => {
    expect(() => detectFileKind(Buffer.from(head, 'latin1'))).toThrow(
      expect.objectContaining({ code: 'unsupported_media_type', statusCode: 415, message }),
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['indicator;periode;waarde', ';'],
    ['indicator,periode,waarde', ','],
    ['indicator\tperiode\twaarde', '\t'],
    ['"indicator, code";periode;waarde', ';'],
    ['indicator;periode,waarde', ';'],
    ['indicator', ','],
  ])('finds the separator of %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('Utf8Text', () => {
  /** Each piece decoded on its own, so a piece that ended inside a character would show. */
  async function decode(chunks: Buffer[]): Promise<string> {
    const utf8 = new Utf8Text();
    const pieces = [...chunks.flatMap((chunk) => utf8.write(chunk)), ...utf8.end()];
    return pieces.map((piece) => piece.toString('utf8')).join('');
  }
  const split = (buf: Buffer, size: number) =>
    Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size));

  it('reads UTF-8 split at any byte, multi-byte characters and BOM included', async () => {
    const bytes = Buffer.from('\ufeffé€😀 Financiën', 'utf8');
    for (const size of [1, 2, 3, 5]) expect(await decode(split(bytes, size))).toBe('é€😀 Financiën');
  });

  it('reads Windows-1252 with € and accents, also when the first accent comes late', async () => {
    const text = `${'a'.repeat(100)};Café € 12 – coördinatie\r\n`;
    const bytes = iconv.encode(text, 'win1252');
    for (const size of [1, 4, 1000]) expect(await decode(split(bytes, size))).toBe(text);
  });

  it('refuses a file that mixes UTF-8 and Windows-1252', async () => {
    const bytes = Buffer.concat([Buffer.from('één;'), iconv.encode('café', 'win1252')]);
    await expect(decode([bytes])).rejects.toThrow(/geen geldige UTF-8/);
    await expect(decode(split(bytes, 1))).rejects.toThrow(/geen geldige UTF-8/);
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 4, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'E', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
