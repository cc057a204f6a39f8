import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '../../../fixtures/catalogue.ts';
import type { EvaluationResponse, EvaluationRow } from '../../../shared/contracts/evaluation.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { loadCatalogue } from '../../core/catalogue.ts';

const DVO = 'deventer-konnected-2024';
const LAST_YEAR = 'deventer-konnected-2023';
let ctx: TestContext;
let gemeente: LoggedIn;
let konnected: LoggedIn;
let admin: LoggedIn;
let measuredThread = 0;
const NOVEMBER = new Date('2024-11-15T09:00:00.000Z');

async function loginAll(): Promise<void> {
  gemeente = await login(ctx.app, 'gemeente');
  konnected = await login(ctx.app, 'konnected');
  admin = await login(ctx.app, 'admin');
}

beforeAll(async () => {
  ctx = await createTestApp({ demo: true, now: new Date('2024-05-20T09:00:00.000Z'), loginAttemptsPerMinute: 100 });
  // last year's DVO between the same two organisations, so agreements are matched by code
  const shipped = loadCatalogueFile(
    path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'dvos', `${DVO}.json`),
  );
  loadCatalogue(ctx.db, { ...shipped, slug: LAST_YEAR, year: 2023, name: `${shipped.name} (2023)` });
  // in May the deviation list is discussed and a maatregel agreed on the first deviation
  await loginAll();
  const list = await ctx.app.inject({ url: `/api/dvos/${DVO}/deviations?period=2024-05`, headers: gemeente.headers() });
  expect(list.statusCode, list.body).toBe(200);
  const first = (list.json().rows as { deviationId: number | null; status: string }[]).find(
    (r) => r.status === 'off_track' && r.deviationId !== null,
  );
  measuredThread = first?.deviationId as number;
  const writes = [
    { who: konnected, what: 'toelichting', payload: { text: 'Minder vacatures bij de vaste werkgevers.' } },
    {
      who: gemeente,
      what: 'maatregel',
      payload: { text: 'Extra jobhunter inzetten.', owner: 'Konnected', deadline: '2024-07-01' },
    },
  ] as const;
  for (const w of writes) {
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/dvos/${DVO}/deviations/${measuredThread}/${w.what}`,
      headers: w.who.headers(true),
      payload: w.payload,
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  ctx.clock.now = NOVEMBER;
  await loginAll();
});
afterAll(() => ctx.close());

async function evaluation(query = '', dvo = DVO): Promise<EvaluationResponse> {
  const who = dvo === DVO ? gemeente : admin;
  const response = await ctx.app.inject({ url: `/api/dvos/${dvo}/evaluation${query}`, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function status(period: string, dvo = DVO): Promise<StatusRow[]> {
  const response = await ctx.app.inject({
    url: `/api/dvos/${dvo}/status?period=${period}`,
    headers: admin.headers(),
  });
  expect(response.statusCode).toBe(200);
  return response.json().rows;
}

const rowOf = (rows: readonly StatusRow[], r: EvaluationRow) =>
  rows.find((s) => s.indicator === r.indicator && s.segment === r.segment);

describe('GET /evaluation in November: the forecast', () => {
  it('judges the year so far month by month and marks the year result as a forecast', async () => {
    const body = await evaluation();
    expect(body.final).toBe(false);
    expect(body.throughMonth).toBe(11);
    const november = await status('2024-11');
    expect(body.rows).toHaveLength(november.length);
    for (const row of body.rows) {
      const now = rowOf(november, row) as StatusRow;
      expect(row.result.final).toBe(false);
      expect(row.result.value).toBe(now.forecast ?? now.actual);
      expect(row.result.status).toBe(now.forecastStatus ?? now.status);
      expect(row.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(row.months[11]?.status).toBeNull();
      expect(row.attentionMonths).toBe(row.months.filter((m) => m.status === 'attention').length);
      expect(row.offTrackMonths).toBe(row.months.filter((m) => m.status === 'off_track').length);
      expect(row.name).not.toBe(row.indicator);
    }
    // the month cells are the verdicts of the monthly overview of that month
    const march = await status('2024-03');
    for (const row of body.rows) expect(row.months[2]?.status).toBe(rowOf(march, row)?.status ?? null);
    expect(body.rows.some((r) => r.offTrackMonths > 0)).toBe(true);
  });

  it('lists the deviation threads with their maatregelen and whether the status improved after it', async () => {
    const body = await evaluation();
    const threads = body.rows.flatMap((r) => r.threads);
    const measured = body.rows.find((r) => r.threads.some((t) => t.id === measuredThread)) as EvaluationRow;
    const thread = measured.threads.find((t) => t.id === measuredThread);
    expect(thread?.maatregel?.text).toBe('Extra jobhunter inzetten.');
    expect(thread?.maatregelOn).toBe('2024-05-20');
    // May's verdict against November's: better, the same or worse
    const rank = (s: string | null | undefined) => ['on_track', 'attention', 'off_track'].indexOf(s ?? '');
    const may = rank(measured.months[4]?.status);
    const nov = rank(measured.months[10]?.status);
    expect(may).toBe(2);
    expect(thread?.effect).toBe(nov === -1 ? 'unchanged' : nov < may ? 'improved' : nov > may ? 'worse' : 'unchanged');
    const withMeasure = threads.filter((t) => t.maatregel !== null);
    for (const t of withMeasure) {
      expect(t.maatregelOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['improved', 'unchanged', 'worse', 'too_early']).toContain(t.effect);
    }
    for (const t of threads.filter((x) => x.maatregel === null)) expect(t.effect).toBeNull();
  });
});

describe('GET /evaluation after year end: final', () => {
  it('gives December as the final result against the annual norm', async () => {
    ctx.clock.now = new Date('2025-02-01T09:00:00.000Z');
    await loginAll();
    try {
      const body = await evaluation();
      expect(body.final).toBe(true);
      expect(body.throughMonth).toBe(12);
      const december = await status('2024-12');
      for (const row of body.rows) {
        const dec = rowOf(december, row) as StatusRow;
        expect(row.result).toEqual({
          final: true,
          value: dec.actual,
          status: dec.status,
          missingPeriods: dec.missingPeriods,
          completedOn: dec.completedOn ?? null,
        });
        expect(row.months[11]?.status).toBe(dec.status);
      }
    } finally {
      ctx.clock.now = NOVEMBER;
      await loginAll();
    }
  });
});

describe('GET /evaluation?asOf', () => {
  it('reproduces the evaluation as it stood, after a later toelichting', async () => {
    const asOf = new Date(ctx.clock.now.getTime() - 1000).toISOString();
    const before = await evaluation(`?asOf=${asOf}`);
    const thread = before.rows.flatMap((r) => r.threads).find((t) => t.state !== 'afgesloten');
    expect(thread).toBeDefined();
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
    const text = 'Jaarevaluatie-test: extra toelichting na het peilmoment.';
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/dvos/${DVO}/deviations/${thread?.id}/toelichting`,
      headers: konnected.headers(true),
      payload: { text },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await evaluation(`?asOf=${asOf}`)).toEqual(before);
    const now = await evaluation();
    expect(now.rows.flatMap((r) => r.threads).find((t) => t.id === thread?.id)?.toelichting).toBe(text);
  });

  it('refuses a date that is not one, in Dutch', async () => {
    const response = await ctx.app.inject({
      url: `/api/dvos/${DVO}/evaluation?asOf=gisteren`,
      headers: gemeente.headers(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/geen geldige datum/);
  });
});

describe('previous year', () => {
  it("matches an agreement with the same code in last year's DVO of the same organisations", async () => {
    const figures = Array.from({ length: 12 }, (_, i) => ({
      indicator: 'lks_nieuw',
      period: `2023-${String(i + 1).padStart(2, '0')}`,
      value: 2,
    }));
    const post = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${LAST_YEAR}/figures`,
      headers: konnected.headers(true),
      payload: { figures },
    });
    expect(post.statusCode, post.body).toBeLessThan(300);
    const body = await evaluation();
    const lastDecember = await status('2023-12', LAST_YEAR);
    for (const row of body.rows) {
      const then = rowOf(lastDecember, row) as StatusRow;
      expect(row.previous).toEqual({ dvo: LAST_YEAR, year: 2023, value: then.actual, status: then.status });
    }
    const lks = body.rows.find((r) => r.indicator === 'lks_nieuw' && r.segment === null);
    expect(lks?.previous?.value).toBe(24);
  });

  it('reads an explicit previous: null as "no predecessor", and only an absent link as a match by code', async () => {
    const put = (payload: unknown) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/api/dvos/${DVO}/indicators/lks_nieuw/previous`,
        headers: gemeente.headers(true),
        payload: payload as object,
      });
    expect((await put({ previous: null })).statusCode).toBe(200);
    try {
      const body = await evaluation();
      expect(body.previousDvo).toMatchObject({ slug: LAST_YEAR, year: 2023 });
      expect(body.rows.find((r) => r.indicator === 'lks_nieuw')?.previous).toBeNull();
      // the others, never linked, still match by code
      expect(body.rows.find((r) => r.indicator === 'uitstroom' && r.segment === null)?.previous?.dvo).toBe(LAST_YEAR);
      const list = await ctx.app.inject({ url: `/api/dvos/${DVO}/indicators`, headers: konnected.headers() });
      const byCode = new Map(
        (list.json().indicators as { code: string; previous: unknown }[]).map((i) => [i.code, i.previous]),
      );
      expect(byCode.get('lks_nieuw')).toBeNull();
      expect(byCode.get('uitstroom')).toEqual({ dvo: LAST_YEAR, code: 'uitstroom' });
      // the export keeps the difference: the link recorded as new is null, a never-linked one has none
      const exported = (
        await ctx.app.inject({ url: `/api/dvos/${DVO}/catalogue`, headers: admin.headers() })
      ).json() as { indicators: { code: string; previous?: unknown }[] };
      expect(exported.indicators.find((i) => i.code === 'lks_nieuw')).toHaveProperty('previous', null);
      expect(exported.indicators.find((i) => i.code === 'uitstroom')).not.toHaveProperty('previous');
    } finally {
      expect((await put({ previous: { dvo: LAST_YEAR, code: 'lks_nieuw' } })).statusCode).toBe(200);
    }
    expect((await evaluation()).rows.find((r) => r.indicator === 'lks_nieuw')?.previous?.value).toBe(24);
  });

  it('is null when there is no DVO of last year between the same organisations', async () => {
    const body = await evaluation('', 'raalte-werkbedrijf-2025');
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) expect(row.previous).toBeNull();
  });
});

const squash = (t: string) => t.replace(/\s+/g, '');

async function documentText(
  format: 'pdf' | 'docx',
): Promise<{ text: string; answer: EvaluationResponse; file: string }> {
  const answer = await evaluation();
  const response = await ctx.app.inject({
    url: `/api/dvos/${DVO}/evaluation?format=${format}`,
    headers: gemeente.headers(),
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-disposition']).toBe(
    `attachment; filename="jaarevaluatie-${DVO}-prognose-2024-11-15.${format}"`,
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'jaar-')), `jaarevaluatie.${format}`);
  writeFileSync(file, response.rawPayload);
  const text =
    format === 'pdf'
      ? execFileSync('pdftotext', [file, '-']).toString('utf8')
      : execFileSync('unzip', ['-p', file, 'word/document.xml'])
          .toString('utf8')
          .replace(/<[^>]+>/g, '')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>');
  return { text, answer, file };
}

describe.each(['pdf', 'docx'] as const)('the Jaarevaluatie as %s', (format) => {
  it('reads alone: title, prognose marking, leeswijzer, every agreement by name with its maatregel, no codes', async () => {
    const { text, answer, file } = await documentText(format);
    if (format === 'pdf') expect(execFileSync('pdfinfo', [file]).toString('utf8')).toMatch(/\(A4\)/);
    const flat = squash(text);
    for (const expected of [
      'Jaarevaluatie 2024',
      answer.name,
      'Leeswijzer',
      'Prognose:',
      'prognose (beoordeeld tot en met november 2024)',
    ])
      expect(flat).toContain(squash(expected));
    for (const chapter of new Set(answer.rows.map((r) => r.chapter))) expect(flat).toContain(squash(chapter));
    for (const row of answer.rows) expect(flat).toContain(squash(row.name));
    expect(flat).toContain(squash('Extra jobhunter inzetten.'));
    for (const code of ['wsw_verzuim', 'lks_nieuw', 'matchen_pva_6wk', 'groeien_pva_6wk'])
      expect(text).not.toContain(code);
  }, 60_000);
});
