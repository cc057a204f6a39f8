import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client.ts';
import { findDvo } from '../../server/core/dvo-access.ts';
import { type StatusWarmer, startStatusWarmer } from '../../server/core/evaluation/warmer.ts';
import { createUser } from '../../server/core/users/repository.ts';
import { prepareDatabase } from '../../server/setup.ts';
import { startServer } from '../helpers/server-process.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../helpers/test-app.ts';

const DVO = 'deventer-konnected-2024';
const SECOND_DVO = 'raalte-werkbedrijf-2025';

/**
 * Figures no validation lets in today (decision 0012), as a database from before the bounds may hold
 * them: a BeKonnecteD count of Infinity (what a 400-digit number became) for June to December.
 */
function storeUnevaluableFigures(db: Db): void {
  const dvo = findDvo(db, DVO);
  if (!dvo) throw new Error(DVO);
  const userId = db.$client.prepare('select id from users order by id limit 1').pluck().get() as number;
  const indicatorId = db.$client
    .prepare(`select id from indicators where dvo_id = ? and code = 'bekonnected_deelnemers'`)
    .pluck()
    .get(dvo.id) as number;
  const at = '2024-07-01T08:00:00.000Z';
  const importId = db.$client
    .prepare(
      `insert into imports (dvo_id, user_id, source, filename, sha256, recorded_at, row_count, created_count,
         changed_count, unchanged_count, warnings) values (?, ?, 'api', null, null, ?, 7, 7, 0, 0, '[]')`,
    )
    .run(dvo.id, userId, at).lastInsertRowid;
  const insert = db.$client.prepare(
    `insert into figures (dvo_id, indicator_id, period, segment, value, recorded_at, user_id, import_id)
       values (?, ?, ?, '', ?, ?, ?, ?)`,
  );
  for (let month = 6; month <= 12; month++) {
    insert.run(
      dvo.id,
      indicatorId,
      `2024-${String(month).padStart(2, '0')}`,
      Number.POSITIVE_INFINITY,
      at,
      userId,
      importId,
    );
  }
  db.$client.prepare('update dvos set data_version = data_version + 1 where id = ?').run(dvo.id);
}

describe('a DVO month whose stored data cannot be evaluated', () => {
  let ctx: TestContext;
  let warmer: StatusWarmer;
  let gemeente: LoggedIn;
  let admin: LoggedIn;
  const logged: { details: Record<string, unknown>; message: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ now: new Date('2024-10-15T09:00:00.000Z') });
    storeUnevaluableFigures(ctx.db);
    gemeente = await login(ctx.app, 'gemeente');
    admin = await login(ctx.app, 'admin');
    warmer = startStatusWarmer(ctx.db, {
      now: () => ctx.clock.now,
      intervalMs: 20,
      log: { error: (details, message) => logged.push({ details: details as Record<string, unknown>, message }) },
    });
  });
  afterAll(async () => {
    warmer.stop();
    await ctx.close();
  });

  it('is logged by the background evaluation with its DVO and period, which goes on with the rest', async () => {
    await warmer.idle();
    const failed = logged.map((entry) => `${entry.details.dvo} ${entry.details.period}`).sort();
    expect(failed).toEqual(
      ['2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'].map((p) => `${DVO} ${p}`),
    );
    // a later round does not log the same months again while the data stays as it is
    await new Promise((resolve) => setTimeout(resolve, 80));
    await warmer.idle();
    expect(logged).toHaveLength(7);
  });

  it('answers a clean Dutch error for that DVO month alone', async () => {
    const june = await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2024-06`, headers: gemeente.headers() });
    expect(june.statusCode).toBe(500);
    expect(june.json().error.code).toBe('internal');
    expect(june.json().error.message).toContain(`De evaluatie van ${DVO} voor 2024-06 kon niet worden gemaakt`);
    const deviations = await ctx.app.inject({
      url: `/api/dvos/${DVO}/deviations?period=2024-Q3`,
      headers: gemeente.headers(),
    });
    expect(deviations.statusCode).toBe(500);
    expect(deviations.json().error.message).toContain('kon niet worden gemaakt');

    const may = await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2024-05`, headers: gemeente.headers() });
    expect(may.statusCode).toBe(200);
    const other = await ctx.app.inject({
      url: `/api/dvos/${SECOND_DVO}/status?period=2025-06`,
      headers: admin.headers(),
    });
    expect(other.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
  });
});

describe('the server process on such a database', () => {
  it('starts, evaluates in the background, and keeps answering', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'dvo-unevaluable-')), 'dvo.db');
    const db = openDb(dbFile);
    prepareDatabase(db, { info: () => undefined });
    await createUser(
      db,
      {
        username: 'gemeente',
        password: 'correct-horse-battery',
        role: 'opdrachtgever',
        organisation: 'gemeente-deventer',
      },
      new Date(),
    );
    storeUnevaluableFigures(db);
    db.$client.close();

    const server = await startServer({ DEMO: '0' }, dbFile);
    try {
      // the background evaluation reaches every month within a second or two; it must not end the process
      for (let i = 0; i < 15; i++) {
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const login = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'gemeente', password: 'correct-horse-battery' }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      const status = (period: string) =>
        fetch(`${server.url}/api/dvos/${DVO}/status?period=${period}`, { headers: { cookie } });
      expect((await status('2024-03')).status).toBe(200);
      const broken = await status('2024-08');
      expect(broken.status).toBe(500);
      expect(((await broken.json()) as { error: { message: string } }).error.message).toContain('2024-08');
      expect(server.output()).toContain('DVO-maand niet te evalueren');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
