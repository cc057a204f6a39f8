import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { multipartFile } from '../../../tests/helpers/multipart.ts';
import { deliverySnapshot } from '../../../tests/helpers/stored.ts';
import { createTestApp, type LoggedIn, login, setupTestApp } from '../../../tests/helpers/test-app.ts';
import { findDvo } from '../../core/dvo-access.ts';
import { lockPeriod, unlockPeriod } from '../../core/locks.ts';
import { importFile } from './service.ts';

const FIXTURES = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'imports');
const DVO = 'deventer-konnected-2024';
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'bad', 'expected.json'), 'utf8')) as {
  files: Record<
    string,
    {
      status: number;
      errors: { row?: number; column?: string; message: string }[];
      context?: { lockedPeriods?: string[] };
    }
  >;
};

// the bad fixtures were written for a delivery on 15 June 2024
const ctx = setupTestApp({ now: new Date('2024-06-15T10:00:00.000Z') });

const snapshot = () => deliverySnapshot(ctx.db);

function upload(file: string, content?: Buffer | string, options: { dryRun?: boolean; as?: LoggedIn } = {}) {
  const body = multipartFile(path.basename(file), content ?? readFileSync(file));
  return ctx.app.inject({
    method: 'POST',
    url: `/api/dvos/${DVO}/imports${options.dryRun ? '?dryRun=true' : ''}`,
    payload: body.payload,
    headers: { ...(options.as ?? ctx.konnected).headers(true), ...body.headers },
  });
}

describe('delivering a file', () => {
  it('stores a good file, and importing it again changes nothing and says so', async () => {
    const file = path.join(FIXTURES, 'good', 'comma-utf8.csv');
    const first = await upload(file);
    expect(first.statusCode).toBe(201);
    expect(first.json().created).toBeGreaterThan(0);
    expect(first.json().changed).toBe(0);
    const before = snapshot();
    const again = await upload(file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ importId: null, created: 0, changed: 0, unchanged: first.json().rows });
    expect(again.json().message).toMatch(/^Ongewijzigd/);
    expect(snapshot()).toBe(before);
  });

  it.each(Object.keys(expected.files))(
    'refuses bad file %s with exactly its problems and stores nothing',
    async (name) => {
      const spec = expected.files[name];
      if (!spec) throw new Error(name);
      const locks = spec.context?.lockedPeriods ?? [];
      for (const period of locks) {
        const lock = await ctx.app.inject({
          method: 'POST',
          url: `/api/dvos/${DVO}/periods/${period}/lock`,
          headers: ctx.gemeente.headers(true),
        });
        expect(lock.statusCode).toBe(200);
      }
      const before = snapshot();
      const response = await upload(path.join(FIXTURES, 'bad', name));
      expect(response.statusCode).toBe(spec.status);
      const error = response.json().error;
      if (spec.status === 415) {
        expect(error.code).toBe('unsupported_media_type');
        expect(error.message).toBe(`${spec.errors[0]?.message} Er is niets opgeslagen.`);
      } else {
        expect(error.details).toEqual(spec.errors);
      }
      expect(snapshot()).toBe(before);
      for (const period of locks) {
        await ctx.app.inject({
          method: 'POST',
          url: `/api/dvos/${DVO}/periods/${period}/unlock`,
          headers: ctx.gemeente.headers(true),
        });
      }
    },
  );

  it('keeps the old revision with who, when and which import when a value is corrected', async () => {
    const csv = (value: number) => `indicator,periode,segment,waarde\nlks_nieuw,2024-04,,${value}\n`;
    ctx.clock.now = new Date('2024-06-15T10:01:00.000Z');
    const first = await upload('correctie.csv', csv(3));
    expect(first.statusCode).toBe(201);
    ctx.clock.now = new Date('2024-06-15T10:05:00.000Z');
    const second = await upload('correctie.csv', csv(4));
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ created: 0, changed: 1, unchanged: 0 });
    const history = await ctx.app.inject({
      url: `/api/dvos/${DVO}/figures?indicator=lks_nieuw&from=2024-04&to=2024-04`,
      headers: ctx.gemeente.headers(),
    });
    const [figure] = history.json().figures;
    expect(figure.revisions.map((r: { value: number }) => r.value)).toEqual([4, 3]);
    expect(figure.revisions[1]).toMatchObject({
      recordedBy: 'konnected',
      recordedAt: '2024-06-15T10:01:00.000Z',
      supersededAt: '2024-06-15T10:05:00.000Z',
      importId: first.json().importId,
      filename: 'correctie.csv',
      source: 'csv',
    });
    expect(figure.revisions[0].supersededAt).toBeNull();
    // the delivery history says which period each delivery was for
    const list = await ctx.app.inject({ url: `/api/dvos/${DVO}/imports`, headers: ctx.gemeente.headers() });
    const byId = new Map(list.json().imports.map((i: { id: number; periods: string[] }) => [i.id, i.periods]));
    expect(byId.get(first.json().importId)).toEqual(['2024-04']);
    expect(byId.get(second.json().importId)).toEqual(['2024-04']);
  });

  it('refuses a change in a locked period with 409 naming the period, and accepts it after reopening', async () => {
    const csv = 'indicator;periode;waarde\nlks_nieuw;2024-05;2\n';
    await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/periods/2024-Q2/lock`,
      headers: ctx.gemeente.headers(true),
    });
    const refused = await upload('mei.csv', csv);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('locked');
    expect(JSON.stringify(refused.json().error.details)).toMatch(/2024-Q2|2024-05/);
    await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/periods/2024-Q2/unlock`,
      headers: ctx.gemeente.headers(true),
    });
    expect((await upload('mei.csv', csv)).statusCode).toBe(201);
  });

  it('answers a filled-in template of a vastgestelde month with one problem for the period, not one per row', async () => {
    const template = await ctx.app.inject({
      url: `/api/dvos/${DVO}/template?period=2024-03&format=csv`,
      headers: ctx.konnected.headers(),
    });
    const lines = template.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    // every row filled in, as a team leader does: a value, or a numerator and denominator
    const filled = [
      lines[0],
      ...lines.slice(1).map((line) => {
        const cells = line.split(';');
        if (cells[4] === 'procent') [cells[6], cells[7]] = ['1', '2'];
        else cells[5] = '1';
        return cells.join(';');
      }),
    ].join('\r\n');
    await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/periods/2024-03/lock`,
      headers: ctx.gemeente.headers(true),
    });
    try {
      const before = snapshot();
      const refused = await upload('maart.csv', Buffer.from(filled));
      expect(refused.statusCode).toBe(409);
      // the template of March also holds the first quarter's rows, which the month's lock leaves open
      const inMarch = lines.flatMap((line, i) => (line.split(';')[2] === '2024-03' ? [i + 1] : []));
      expect(inMarch.length).toBeGreaterThan(20);
      expect(refused.json().error.details).toEqual([
        {
          row: inMarch[0],
          column: 'periode',
          message: `Periode 2024-03 is vastgesteld. ${inMarch.length} rijen vallen erin (rij ${inMarch[0]} tot en met ${inMarch.at(-1)}) en kunnen daarom niet worden opgeslagen. Alleen de opdrachtgever of een beheerder kan deze periode heropenen.`,
        },
      ]);
      expect(snapshot()).toBe(before);
    } finally {
      await ctx.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/periods/2024-03/unlock`,
        headers: ctx.gemeente.headers(true),
      });
    }
  });

  it('refuses a file whose period is locked while the file is still being read, with 409 naming the period', async () => {
    const dvo = findDvo(ctx.db, DVO);
    if (!dvo) throw new Error('DVO ontbreekt');
    const userId = (username: string) =>
      ctx.db.$client.prepare('select id from users where username = ?').pluck().get(username) as number;
    const gemeenteId = userId('gemeente');
    const before = snapshot();
    async function* file(): AsyncGenerator<string> {
      yield 'indicator;periode;waarde\nlks_nieuw;2024-02;3\n';
      // the gemeente fixes the first quarter while the file is on its way
      lockPeriod(ctx.db, dvo as NonNullable<typeof dvo>, '2024-Q1', gemeenteId, ctx.clock.now);
      yield 'lks_nieuw;2024-03;4\n';
    }
    try {
      const refused = importFile(ctx.db, {
        dvo,
        userId: userId('konnected'),
        stream: Readable.from(file()),
        filename: 'kwartaal.csv',
        dryRun: false,
        now: ctx.clock.now,
      });
      await expect(refused).rejects.toMatchObject({
        code: 'locked',
        details: [
          {
            row: 2,
            column: 'periode',
            message:
              'Periode 2024-Q1 is vastgesteld. 2 rijen vallen erin (rij 2 tot en met 3) en kunnen daarom niet worden opgeslagen. Alleen de opdrachtgever of een beheerder kan deze periode heropenen.',
          },
        ],
      });
      expect(snapshot()).toBe(before);
    } finally {
      unlockPeriod(ctx.db, dvo, '2024-Q1', gemeenteId, null, ctx.clock.now);
    }
  });

  it('previews a dry run per row without storing anything', async () => {
    const before = snapshot();
    const response = await upload('proef.csv', 'indicator,periode,waarde\nlks_nieuw,2024-04,9\nlks_nieuw,2024-01,1\n', {
      dryRun: true,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.dryRun).toBe(true);
    expect(body.preview).toEqual([
      expect.objectContaining({
        row: 2,
        indicator: 'lks_nieuw',
        period: '2024-04',
        value: 9,
        previous: 4,
        action: 'change',
      }),
      expect.objectContaining({ row: 3, period: '2024-01', value: 1, previous: null, action: 'create' }),
    ]);
    expect(snapshot()).toBe(before);
  });

  it('answers 415 for a request that is not multipart', async () => {
    const json = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/imports`,
      payload: { a: 1 },
      headers: ctx.konnected.headers(true),
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
  });

  it('does not let the gemeente or a lezer deliver figures', async () => {
    const lezer = await login(ctx.app, 'lezer');
    for (const as of [ctx.gemeente, lezer]) {
      const response = await upload('x.csv', 'indicator,periode,waarde\nlks_nieuw,2024-04,1\n', { as });
      expect(response.statusCode).toBe(403);
    }
  });
});

describe('POST /figures', () => {
  it('applies the same rules as a file and reports every problem at once', async () => {
    const before = snapshot();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/figures`,
      headers: ctx.konnected.headers(true),
      payload: {
        figures: [
          { indicator: 'uitstrom', period: '2024-03', segment: 'matchen', value: 5 },
          { indicator: 'wsw_verzuim', period: '2024-03', numerator: 10, denominator: 0 },
          { indicator: 'lks_nieuw', period: '2024-03', value: -1 },
        ],
      },
    });
    expect(response.statusCode).toBe(422);
    const details = response.json().error.details as { row: number; message: string }[];
    expect(details.map((d) => d.row)).toEqual([1, 2, 3]);
    expect(details[0]?.message).toMatch(/uitstroom/);
    expect(snapshot()).toBe(before);
  });

  it('stores valid figures and they show up in the status', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/figures`,
      headers: ctx.konnected.headers(true),
      payload: { figures: [{ indicator: 'beschut_dienstverbanden', period: '2024-05', value: 74 }] },
    });
    expect(response.statusCode).toBe(201);
    const status = await ctx.app.inject({
      url: `/api/dvos/${DVO}/status?period=2024-05`,
      headers: ctx.gemeente.headers(),
    });
    const row = status.json().rows.find((r: { indicator: string }) => r.indicator === 'beschut_dienstverbanden');
    expect(row).toMatchObject({ actual: 74, status: 'on_track' });
  });
});

describe('every refusal of a delivery says that nothing was stored', () => {
  const csv = 'indicator,periode,waarde\nlks_nieuw,2024-04,1\n';

  /** Refused with this status and code, the message ending in the one sentence, and the database untouched. */
  async function expectRefused(
    send: () => Promise<{ statusCode: number; json: () => { error: { code: string; message: string } } }>,
    status: number,
    code: string,
  ): Promise<string> {
    const before = snapshot();
    const response = await send();
    expect(response.statusCode).toBe(status);
    const { error } = response.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/\S\. Er is niets opgeslagen\.$/);
    expect(error.message.split('niets opgeslagen').length).toBe(2);
    expect(snapshot()).toBe(before);
    return error.message;
  }

  const postFigures =
    (payload: string | object, contentType = 'application/json') =>
    () =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/figures`,
        payload,
        headers: { ...ctx.konnected.headers(true), 'content-type': contentType },
      });

  const postMultipart = (payload: string, contentType: string) => () =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/imports`,
      payload,
      headers: { ...ctx.konnected.headers(true), 'content-type': contentType },
    });

  const boundary = '----dvoweigering';
  const part = (field: string, filename: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
  const multipart = `multipart/form-data; boundary=${boundary}`;

  it('415: a PDF and a request that is not multipart (the bad fixtures above: every other 415)', async () => {
    const pdf = await expectRefused(() => upload('verslag.pdf', '%PDF-1.7\n%binary'), 415, 'unsupported_media_type');
    expect(pdf).toBe('Het bestand is geen CSV of XLSX, maar een PDF. Er is niets opgeslagen.');
    const json = await expectRefused(
      () =>
        ctx.app.inject({
          method: 'POST',
          url: `/api/dvos/${DVO}/imports`,
          payload: { a: 1 },
          headers: ctx.konnected.headers(true),
        }),
      415,
      'unsupported_media_type',
    );
    expect(json).toMatch(/multipart\/form-data/);
  });

  it('400: malformed multipart, a second file, no file, a file in another field', async () => {
    await expectRefused(postMultipart(part('file', 'a.csv', csv), multipart), 400, 'bad_request');
    await expectRefused(
      postMultipart(`${part('file', 'a.csv', csv)}--${boundary}--\r\n`, 'multipart/form-data; boundary=anders'),
      400,
      'bad_request',
    );
    const second = await expectRefused(
      postMultipart(`${part('file', 'a.csv', csv)}${part('file', 'b.csv', csv)}--${boundary}--\r\n`, multipart),
      400,
      'bad_request',
    );
    expect(second).toBe('Stuur één bestand per levering; dit verzoek bevat er meer. Er is niets opgeslagen.');
    const none = await expectRefused(postMultipart(`--${boundary}--\r\n`, multipart), 400, 'bad_request');
    expect(none).toBe('Stuur het bestand mee in het veld "file". Er is niets opgeslagen.');
    await expectRefused(
      postMultipart(`${part('bijlage', 'a.csv', csv)}--${boundary}--\r\n`, multipart),
      400,
      'bad_request',
    );
  });

  it('422 and 409, for a file and for JSON, dry run or not', async () => {
    const bad = 'indicator,periode,waarde\nuitstrom,2024-04,1\n';
    const file = await expectRefused(() => upload('fout.csv', bad), 422, 'validation_failed');
    expect(file).toBe('1 fout gevonden. Er is niets opgeslagen.');
    await expectRefused(() => upload('fout.csv', bad, { dryRun: true }), 422, 'validation_failed');
    await expectRefused(
      postFigures({ figures: [{ indicator: 'uitstrom', period: '2024-04', value: 1 }] }),
      422,
      'validation_failed',
    );
    const period = (action: 'lock' | 'unlock') =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/periods/2024-Q2/${action}`,
        headers: ctx.gemeente.headers(true),
      });
    expect((await period('lock')).statusCode).toBe(200);
    try {
      const locked = await expectRefused(() => upload('april.csv', csv), 409, 'locked');
      expect(locked).toBe('Er staan cijfers in voor een vastgestelde periode. Er is niets opgeslagen.');
      await expectRefused(
        postFigures({ figures: [{ indicator: 'lks_nieuw', period: '2024-04', value: 1 }] }),
        409,
        'locked',
      );
    } finally {
      await period('unlock');
    }
  });

  it('400: JSON that does not parse, an empty body, or a body of the wrong shape', async () => {
    const broken = await expectRefused(postFigures('{"figures": ['), 400, 'bad_request');
    expect(broken).toBe('Het verzoek is geen geldige JSON. Er is niets opgeslagen.');
    await expectRefused(postFigures(''), 400, 'bad_request');
    await expectRefused(postFigures({ figures: 'geen lijst' }), 400, 'bad_request');
  });

  it('401 and 403: a delivery without login or by a role that may not deliver', async () => {
    const anonymous = await expectRefused(
      () => ctx.app.inject({ method: 'POST', url: `/api/dvos/${DVO}/figures`, payload: { figures: [] } }),
      401,
      'unauthorized',
    );
    expect(anonymous).toBe('U bent niet ingelogd. Er is niets opgeslagen.');
    await expectRefused(() => upload('x.csv', csv, { as: ctx.gemeente }), 403, 'forbidden');
  });

  it('says it only where a delivery was refused, not on other writes', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/periods/2024-13/lock`,
      headers: ctx.gemeente.headers(true),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).not.toMatch(/niets opgeslagen/);
  });
});

describe('size limit', () => {
  it('answers 413 for a file over the configured limit and stores nothing', async () => {
    const small = await createTestApp({ now: new Date('2024-06-15T10:00:00.000Z'), maxUploadBytes: 1024 });
    try {
      const session = await login(small.app, 'konnected');
      const rows = Array.from({ length: 200 }, (_, i) => `deelsuccessen,2024-0${(i % 5) + 1},,${i}`).join('\n');
      const body = multipartFile('groot.csv', `indicator,periode,segment,waarde\n${rows}\n`);
      const response = await small.app.inject({
        method: 'POST',
        url: `/api/dvos/${DVO}/imports`,
        payload: body.payload,
        headers: { ...session.headers(true), ...body.headers },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toEqual({
        code: 'too_large',
        message:
          'Het bestand is groter dan toegestaan. Splits het of vraag de beheerder de limiet te verhogen. Er is niets opgeslagen.',
      });
      expect(small.db.$client.prepare('select count(*) n from figures').get()).toEqual({ n: 0 });
    } finally {
      await small.close();
    }
  });
});

describe('delivery template', () => {
  it('lists every indicator and segment due in June with the previous value, and comes back as a valid delivery', async () => {
    ctx.clock.now = new Date('2024-07-05T09:00:00.000Z');
    const session = await login(ctx.app, 'konnected');
    const csv = await ctx.app.inject({
      url: `/api/dvos/${DVO}/template?period=2024-06&format=csv`,
      headers: session.headers(),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'indicator;omschrijving;periode;segment;eenheid;waarde;teller;noemer;toelichting;vorige periode;vorige waarde',
    );
    const cells = lines.slice(1).map((l) => l.split(';'));
    // monthly figures for June, quarterly ones for Q2 (June ends it), no yearly ones (not December)
    expect(cells.filter((c) => c[0] === 'uitstroom').map((c) => [c[2], c[3]])).toEqual([
      ['2024-06', 'matchen'],
      ['2024-06', 'groeien'],
    ]);
    expect(cells.filter((c) => c[0] === 'wsw_werkladder_bewegingen')).toHaveLength(12);
    expect(cells.some((c) => c[0] === 'lks_behoud' && c[2] === '2024-Q2')).toBe(true);
    expect(cells.some((c) => c[0] === 'klanttevredenheid')).toBe(false);
    expect(cells.some((c) => c[0]?.startsWith('kwal_'))).toBe(false);
    // lks_nieuw of May was delivered above (2), so June shows it as the previous value
    expect(cells.find((c) => c[0] === 'lks_nieuw')?.slice(9)).toEqual(['2024-05', '2']);

    // filled in for one row and uploaded as it is: the rest is skipped, not refused
    const filled = lines
      .map((line) =>
        line.startsWith('lks_nieuw;') ? line.replace(/^(lks_nieuw;[^;]*;2024-06;;aantal;)/, '$17') : line,
      )
      .join('\r\n');
    const response = await upload('aanlevering-juni.csv', Buffer.from(`\ufeff${filled}\r\n`), { as: session });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ created: 1, skipped: cells.length - 1 });
  });

  it('offers the same template as XLSX with a frozen header', async () => {
    const session = await login(ctx.app, 'konnected');
    const xlsx = await ctx.app.inject({
      url: `/api/dvos/${DVO}/template?period=2024-06&format=xlsx`,
      headers: session.headers(),
    });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getRow(1).getCell(1).value).toBe('indicator');
    const response = await upload('aanlevering-juni.xlsx', xlsx.rawPayload, { as: session, dryRun: true });
    expect(response.statusCode).toBe(200);
    expect(response.json().skipped).toBeGreaterThan(30);
  });
});
