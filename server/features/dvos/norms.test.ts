import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dvos } from '../../../db/schema.ts';
import type { NormVersion, RecordedNormVersion } from '../../../shared/contracts/norms.ts';
import type { StatusRow } from '../../../shared/contracts/status.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { loadDemoData } from '../../demo.ts';

const DVO = 'deventer-konnected-2024';
const d = `/api/dvos/${DVO}`;
let ctx: TestContext;
let gemeente: LoggedIn;
let admin: LoggedIn;
let konnected: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ now: new Date('2024-10-15T09:00:00.000Z') });
  await loadDemoData(ctx.db, { info: () => undefined });
  gemeente = await login(ctx.app, 'gemeente');
  admin = await login(ctx.app, 'admin');
  konnected = await login(ctx.app, 'konnected');
});
afterAll(async () => {
  await ctx.close();
});

async function versions(code: string, who: LoggedIn = konnected): Promise<NormVersion[]> {
  const response = await ctx.app.inject({ url: `${d}/indicators/${code}/norms`, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().versions;
}

async function statusRow(period: string, code: string, asOf?: string): Promise<StatusRow> {
  const query = asOf ? `period=${period}&asOf=${encodeURIComponent(asOf)}` : `period=${period}`;
  const response = await ctx.app.inject({ url: `${d}/status?${query}`, headers: konnected.headers() });
  expect(response.statusCode, response.body).toBe(200);
  const row = (response.json().rows as StatusRow[]).find((r) => r.indicator === code && r.segment === null);
  if (!row) throw new Error(`no row ${code}`);
  return row;
}

function post(code: string, payload: Record<string, unknown>, who: LoggedIn = gemeente) {
  return ctx.app.inject({ method: 'POST', url: `${d}/indicators/${code}/norms`, headers: who.headers(true), payload });
}

describe('norm versions', () => {
  it('starts every agreement at version 1, the catalogue, provisional where the catalogue marks a placeholder', async () => {
    const [verzuim] = await versions('wsw_verzuim');
    expect(verzuim).toMatchObject({
      version: 1,
      norm: { basis: 'period', kind: 'max', value: 14.7 },
      margin: 1,
      provisional: true,
      effectiveFrom: '2024-01',
      reason: 'Catalogus',
      recordedBy: null,
    });
    expect((await versions('uitstroom'))[0]).toMatchObject({ version: 1, provisional: false });
    expect((await versions('wsw_werkladder_extern'))[0]?.provisional).toBe(true);
    const row = await statusRow('2024-06', 'wsw_verzuim');
    expect(row.norm).toMatchObject({ version: 1, provisional: true, value: 14.7 });
  });

  it('records a definitive benchmark as version 2, judges with it from then on and keeps the old verdict as of before', async () => {
    const before = await statusRow('2024-06', 'wsw_verzuim');
    expect(before.status).toBe('on_track');
    ctx.clock.now = new Date('2024-10-15T09:10:00.000Z');
    const response = await post('wsw_verzuim', {
      norm: { basis: 'period', kind: 'max', value: 13 },
      source: 'SBCM verzuimbenchmark 2022 (n = 15)',
      provisional: false,
      reason: 'Benchmark 2022 gepubliceerd',
    });
    expect(response.statusCode, response.body).toBe(201);
    const saved: RecordedNormVersion = response.json();
    expect(saved).toMatchObject({
      indicator: 'wsw_verzuim',
      version: 2,
      norm: { basis: 'period', kind: 'max', value: 13 },
      margin: 1,
      provisional: false,
      effectiveFrom: '2024-01',
      reason: 'Benchmark 2022 gepubliceerd',
      recordedBy: 'gemeente',
      source: { type: 'benchmark', reference: 'SBCM verzuimbenchmark 2022 (n = 15)', placeholder: false },
    });

    const after = await statusRow('2024-06', 'wsw_verzuim');
    expect(after.norm).toMatchObject({ version: 2, provisional: false, value: 13, placeholder: false });
    expect(after.status).not.toBe('on_track');
    // as of the moment before, the month reads as it did: version 1, on track
    const asBefore = await statusRow('2024-06', 'wsw_verzuim', '2024-10-15T09:09:59.000Z');
    expect(asBefore).toMatchObject({ status: 'on_track', norm: { version: 1, provisional: true, value: 14.7 } });

    // which statuses of the year it changed: the POST answer and the effect route agree, month by month
    expect(saved.effect.changes.length).toBeGreaterThan(0);
    expect(saved.effect.changes).toContainEqual({
      period: '2024-06',
      indicator: 'wsw_verzuim',
      segment: null,
      before: 'on_track',
      after: after.status,
    });
    expect(saved.effect.changes.every((c) => c.indicator === 'wsw_verzuim')).toBe(true);
    const effect = await ctx.app.inject({
      url: `${d}/indicators/wsw_verzuim/norms/2/effect`,
      headers: konnected.headers(),
    });
    expect(effect.json()).toEqual(saved.effect);

    // newest first, and the catalogue shows the current version
    expect((await versions('wsw_verzuim')).map((v) => v.version)).toEqual([2, 1]);
    const catalogue = await ctx.app.inject({ url: `${d}/indicators`, headers: konnected.headers() });
    const verzuim = catalogue.json().indicators.find((i: { code: string }) => i.code === 'wsw_verzuim');
    expect(verzuim).toMatchObject({ version: 2, provisional: false, norm: { value: 13 } });
  });

  it('judges the months before effectiveFrom with the version that held then', async () => {
    ctx.clock.now = new Date('2024-10-15T09:20:00.000Z');
    const response = await post(
      'uitstroom',
      {
        norm: { basis: 'annual', kind: 'min', value: 480, margin: 0.05 },
        source: { reference: 'Addendum uitstroom', type: 'addendum' },
        provisional: false,
        effectiveFrom: '2024-07',
        reason: 'Extra middelen vanaf juli',
      },
      admin,
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ version: 2, margin: 0.05, effectiveFrom: '2024-07' });
    const june = await statusRow('2024-06', 'uitstroom');
    expect(june).toMatchObject({ expected: 200, norm: { version: 1, value: 400 } });
    const july = await statusRow('2024-07', 'uitstroom');
    expect(july).toMatchObject({ expected: 280, norm: { version: 2, value: 480 } });
    // an effect shows only months from July on
    expect(response.json().effect.changes.every((c: { period: string }) => c.period >= '2024-07')).toBe(true);
  });

  it('refuses a norm that does not fit the agreement with 422 and every problem, and stores nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['wsw_verzuim', { basis: 'annual', kind: 'max', value: 13 }, 'norm.basis'],
      ['uitstroom', { basis: 'period', kind: 'min', value: 10 }, 'norm.basis'],
      ['uitstroom', { basis: 'annual', kind: 'min' }, 'norm'],
      ['beschut_dienstverbanden', { basis: 'period', kind: 'range', min: 130, max: 72 }, 'norm.min'],
      ['wsw_verzuim', { basis: 'period', kind: 'max', value: 140 }, 'norm.value'],
      [
        'uitstroom',
        { basis: 'relative', kind: 'min', factor: 0.5, baseIndicator: 'bestaat_niet' },
        'norm.baseIndicator',
      ],
      ['deelsuccessen', { basis: 'annual', kind: 'min', value: 100 }, 'norm.margin'],
    ];
    for (const [code, norm, column] of cases) {
      const response = await post(code, { norm, source: 'x', provisional: false, reason: 'test' });
      expect(response.statusCode, `${code} ${JSON.stringify(norm)}`).toBe(422);
      const error = response.json().error;
      expect(error.code).toBe('validation_failed');
      expect(
        error.details.map((p: { column: string }) => p.column),
        JSON.stringify(error.details),
      ).toContain(column);
      for (const p of error.details) expect(p.message).toMatch(/[a-z]/);
    }
    const several = await post('uitstroom', {
      norm: { basis: 'annual', kind: 'min', value: 400 },
      source: '  ',
      provisional: false,
      effectiveFrom: '2025-01',
      reason: ' ',
    });
    expect(several.statusCode).toBe(422);
    expect(several.json().error.details.map((p: { column: string }) => p.column)).toEqual([
      'source',
      'effectiveFrom',
      'reason',
    ]);
    expect((await versions('deelsuccessen')).map((v) => v.version)).toEqual([1]);
    expect((await versions('beschut_dienstverbanden')).map((v) => v.version)).toEqual([1]);
  });

  it('answers 400 for a malformed request, 404 for an unknown agreement, 403 for the opdrachtnemer', async () => {
    expect((await post('uitstroom', { norm: 'hoog' })).statusCode).toBe(400);
    const unknown = await post('bestaat_niet', {
      norm: { basis: 'none', kind: 'monitor' },
      source: 'x',
      provisional: false,
      reason: 'x',
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ url: `${d}/indicators/bestaat_niet/norms`, headers: konnected.headers() })).statusCode,
    ).toBe(404);
    const refused = await post(
      'uitstroom',
      { norm: { basis: 'annual', kind: 'min', value: 1 }, source: 'x', provisional: false, reason: 'x' },
      konnected,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('refuses with 409 a version that would apply to a vastgestelde period, and takes one that starts after it', async () => {
    const lock = await ctx.app.inject({
      method: 'POST',
      url: `${d}/periods/2024-Q1/lock`,
      headers: gemeente.headers(true),
    });
    expect(lock.statusCode).toBe(200);
    const proposal = {
      norm: { basis: 'period', kind: 'min', value: 250 },
      source: 'DVO art. 18',
      provisional: false,
      reason: 'Bijgesteld in het kwartaaloverleg',
    };
    const inLocked = await post('lks_behoud', { ...proposal, effectiveFrom: '2024-02' });
    expect(inLocked.statusCode).toBe(409);
    expect(inLocked.json().error.message).toMatch(/2024-Q1/);
    expect((await post('lks_behoud', proposal)).statusCode).toBe(409);
    const later = await post('lks_behoud', {
      ...proposal,
      norm: { basis: 'period', kind: 'min', value: 240 },
      effectiveFrom: '2024-04',
    });
    expect(later.statusCode, later.body).toBe(201);
    await ctx.app.inject({
      method: 'POST',
      url: `${d}/periods/2024-Q1/unlock`,
      headers: gemeente.headers(true),
      payload: {},
    });
  });

  it('writes an audit entry and raises only its own DVO’s data version', async () => {
    const versionOf = (slug: string) =>
      ctx.db.select({ v: dvos.dataVersion }).from(dvos).where(eq(dvos.slug, slug)).get()?.v;
    const own = versionOf(DVO);
    const other = versionOf('raalte-werkbedrijf-2025');
    const response = await post('lks_nieuw', {
      norm: { basis: 'annual', kind: 'min', value: 45 },
      source: 'DVO art. 18',
      provisional: false,
      effectiveFrom: '2024-10',
      reason: 'Afspraak kwartaaloverleg',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(versionOf(DVO)).toBe((own as number) + 1);
    expect(versionOf('raalte-werkbedrijf-2025')).toBe(other);
    const entry = ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, `${DVO}/lks_nieuw`))
      .all()
      .at(-1);
    expect(entry).toMatchObject({ action: 'norm.version', entity: 'indicator' });
    expect(entry?.after).toMatchObject({ version: 2, reason: 'Afspraak kwartaaloverleg' });
    expect(entry?.before).toMatchObject({ version: 1 });
  });
});
