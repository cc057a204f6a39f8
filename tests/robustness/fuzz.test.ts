import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOSTILE_SHAPES,
  hostileCsv,
  longRowCsv,
  mixedEncodingCsv,
  unclosedQuoteCsv,
} from '../../fixtures/hostile-files.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { collectUncaught, deliverySnapshot } from '../helpers/stored.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../helpers/test-app.ts';

const DVO = 'deventer-konnected-2024';
const GOOD = path.join(import.meta.dirname, '..', '..', 'fixtures', 'imports', 'good');
const goodCsv = ['comma-utf8.csv', 'semicolon-decimal-comma.csv', 'quoted-fields.csv', 'windows-1252.csv'].map((f) =>
  readFileSync(path.join(GOOD, f)),
);
const goodXlsx = readFileSync(path.join(GOOD, 'numbers-text-date.xlsx'));

let ctx: TestContext;
let konnected: LoggedIn;
const uncaught = collectUncaught();
const LIMIT = 64 * 1024;

beforeAll(async () => {
  ctx = await createTestApp({ now: new Date('2024-12-20T10:00:00.000Z'), maxUploadBytes: 64 * 1024 });
  konnected = await login(ctx.app, 'konnected');
});
afterAll(async () => {
  await ctx.close();
});

const snapshot = () => deliverySnapshot(ctx.db);

/** After any answer: never a 5xx; a refused delivery wrote nothing; an accepted one wrote exactly its figures. */
function expectWholeOrNothing(statusCode: number, body: string, before: string): void {
  expect(statusCode, body).toBeLessThan(500);
  if (statusCode >= 400) {
    expect(snapshot()).toBe(before);
    const error = JSON.parse(body).error;
    expect(typeof error.code).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  } else {
    const result = JSON.parse(body);
    if (result.importId !== null && result.dryRun === false) {
      const n = ctx.db.$client.prepare('select count(*) n from figures where import_id = ?').get(result.importId) as {
        n: number;
      };
      expect(n.n).toBe(result.created + result.changed);
    }
  }
}

async function upload(content: Uint8Array, filename = 'levering.csv', contentType = 'text/csv') {
  const before = snapshot();
  const body = multipartFile(filename, Buffer.from(content), contentType);
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/dvos/${DVO}/imports`,
    payload: body.payload,
    headers: { ...konnected.headers(true), ...body.headers },
  });
  expectWholeOrNothing(response.statusCode, response.body, before);
  await expectAlive();
  return response;
}

/** The server still answers, and nothing was thrown outside a request (issue #11). */
async function expectAlive(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  expect(uncaught).toEqual([]);
  const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
  expect(health.statusCode).toBe(200);
}

/** A good file with random damage: flipped bytes, cut off, or a slice pasted elsewhere. */
const mutated = (files: Buffer[]) =>
  fc
    .tuple(
      fc.constantFrom(...files),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat()),
    )
    .map(([file, flips, cut]) => {
      const bytes = Uint8Array.from(file);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
    });

const cell = fc.oneof(
  fc.constantFrom(
    'uitstroom',
    'wsw_verzuim',
    'beschut_dienstverbanden',
    'lks_behoud',
    'uitstrom',
    'matchen',
    'groeien',
  ),
  fc.constantFrom(
    '2024-03',
    '2024-Q2',
    '2024',
    'mrt-24',
    '1-3-2024',
    '2025-01',
    '',
    ' ',
    '"',
    '""',
    '=1+1',
    '-3',
    '1.234,5',
    '1,5',
  ),
  fc.string({ maxLength: 12 }),
);
const csvText = fc
  .tuple(
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom(
      'indicator;periode;segment;waarde;teller;noemer',
      'indicator,period,value',
      'waarde\tindicator\tperiode',
      '',
    ),
    fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }),
  )
  .map(([d, header, rows]) =>
    new TextEncoder().encode([header.replaceAll(/[;,\t]/g, d), ...rows.map((r) => r.join(d))].join('\n')),
  );

describe('fuzzing the delivery routes', () => {
  it('never answers 5xx nor writes part of a delivery for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => void (await upload(bytes))),
      {
        numRuns: 60,
      },
    );
  });

  it('never answers 5xx nor writes part of a delivery for damaged good CSV files', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(goodCsv), async (bytes) => void (await upload(bytes))),
      { numRuns: 80 },
    );
  });

  it('never answers 5xx nor writes part of a delivery for damaged XLSX files', async () => {
    await fc.assert(
      fc.asyncProperty(mutated([goodXlsx]), async (bytes) => void (await upload(bytes, 'levering.xlsx'))),
      {
        numRuns: 40,
      },
    );
  });

  it('never answers 5xx nor writes part of a delivery for random CSV text', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (bytes) => void (await upload(bytes))),
      { numRuns: 100 },
    );
  });

  it('never answers 5xx for random JSON on POST /figures', async () => {
    const figure = fc.record(
      {
        indicator: fc.oneof(cell, fc.anything()),
        period: fc.oneof(cell, fc.anything()),
        segment: fc.oneof(cell, fc.constant(null)),
        value: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        numerator: fc.oneof(fc.double(), fc.integer({ min: -5, max: 500 })),
        denominator: fc.oneof(fc.double(), fc.integer({ min: -5, max: 500 })),
        comment: fc.oneof(fc.string(), fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.anything(), fc.record({ figures: fc.array(figure, { maxLength: 20 }) }));
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = snapshot();
        const response = await ctx.app.inject({
          method: 'POST',
          url: `/api/dvos/${DVO}/figures`,
          headers: { ...konnected.headers(true), 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expectWholeOrNothing(response.statusCode, response.body, before);
        await expectAlive();
      }),
      { numRuns: 150 },
    );
  });

  it('answers bad requests with 4xx and a Dutch message: nesting, size, types, names, encodings', async () => {
    const before = snapshot();
    let nested = '1';
    for (let i = 0; i < 5000; i++) nested = `{"a":${nested}}`;
    const cases = [
      { payload: nested, type: 'application/json', url: 'figures' },
      { payload: '{"figures": [', type: 'application/json', url: 'figures' },
      { payload: 'x'.repeat(70 * 1024), type: 'application/json', url: 'figures', expect: 413 },
      { payload: '<xml/>', type: 'application/xml', url: 'figures', expect: 415 },
      { payload: 'indicator,periode\n', type: 'text/csv', url: 'imports', expect: 415 },
    ];
    for (const c of cases) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/${c.url}`,
        headers: { ...konnected.headers(true), 'content-type': c.type },
        payload: c.payload,
      });
      expect(response.statusCode, c.payload.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      if (c.expect) expect(response.statusCode).toBe(c.expect);
    }
    // none of these wrote anything
    expect(snapshot()).toBe(before);
    // file names with folders and control characters are kept as a plain name in the history
    await upload(
      new TextEncoder().encode('indicator,periode,waarde\nlks_nieuw,2024-04,3\n'),
      '../../etc/passwd\u0000.csv',
    );
    const imported = ctx.db.$client.prepare('select filename from imports order by id desc limit 1').get() as {
      filename: string;
    };
    expect(imported.filename).toBe('passwd.csv');
    // invalid UTF-8 in a file is read as Windows-1252 or refused as a whole, never a 500
    const invalid = await upload(Uint8Array.from([0x69, 0x6e, 0x64, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x80, 0x81]));
    expect([415, 422]).toContain(invalid.statusCode);
  });

  it('refuses files over the limit with 413 whatever their shape, also when the parser gave up first', async () => {
    const shapes = [
      () => longRowCsv(3 * LIMIT),
      () => unclosedQuoteCsv(2 * LIMIT),
      () => mixedEncodingCsv(2 * LIMIT),
      ...HOSTILE_SHAPES.map((shape) => () => hostileCsv(shape, 2 * LIMIT)),
    ];
    for (const shape of shapes) expect((await upload(shape())).statusCode).toBe(413);
  });

  it('refuses hostile files under the limit with 422 and at most 1,000 listed problems', async () => {
    for (const shape of HOSTILE_SHAPES) {
      const response = await upload(hostileCsv(shape, LIMIT - 1024));
      expect(response.statusCode, shape).toBe(422);
      expect(response.json().error.details.length).toBeLessThanOrEqual(1000);
    }
  });

  it('never stores a number that is not finite or beyond its bound, in a file or as JSON', async () => {
    const extreme = fc.oneof(
      fc.constantFrom(
        '1e308',
        '9'.repeat(309),
        '9'.repeat(400),
        '-0',
        '10000001',
        '1.000.000.000.000',
        'Infinity',
        'NaN',
      ),
      fc.stringMatching(/^\d{12,60}$/),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(extreme, { minLength: 1, maxLength: 5 }), async (values) => {
        const csv = [
          'indicator;periode;segment;waarde',
          ...values.map((v, i) => `uitstroom;2024-0${i + 1};matchen;${v}`),
        ];
        const response = await upload(new TextEncoder().encode(csv.join('\n')));
        const stored = ctx.db.$client.prepare('select max(value) m from figures').get() as { m: number | null };
        expect(stored.m ?? 0).toBeLessThanOrEqual(10_000_000_000);
        if (values.some((v) => v.length > 8)) expect(response.statusCode).toBe(422);
      }),
      { numRuns: 40 },
    );
    for (const value of [1e308, Number.MAX_VALUE, 10_000_001]) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/figures`,
        headers: { ...konnected.headers(true), 'content-type': 'application/json' },
        payload: { figures: [{ indicator: 'uitstroom', period: '2024-01', segment: 'matchen', value }] },
      });
      expect(response.statusCode).toBe(422);
      await expectAlive();
    }
  });

  it('accepts blank lines and ragged rows (trailing ;; and short rows) among good rows', async () => {
    const filler = fc.constantFrom('', ';', ';;', ';;;;;;;;;;', ' ', 'uitstroom;2024-03;groeien;;;;;;');
    await fc.assert(
      fc.asyncProperty(fc.array(filler, { maxLength: 40 }), fc.nat(), async (fillers, at) => {
        const good = 'uitstroom;2024-02;matchen;3;;;;;';
        const lines: string[] = [...fillers];
        lines.splice(at % (lines.length + 1), 0, good);
        const response = await upload(
          new TextEncoder().encode(['indicator;periode;segment;waarde;teller;noemer', ...lines].join('\r\n')),
        );
        expect(response.statusCode, response.body).toBeLessThan(300);
      }),
      { numRuns: 40 },
    );
  });
});
