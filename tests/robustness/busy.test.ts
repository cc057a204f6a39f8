import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptLogin, createTestApp, type LoggedIn, login, type TestContext } from '../helpers/test-app.ts';

/**
 * Another process holds the write lock (a CLI import, a backup tool, a stuck script): the server must
 * answer writes 503 with Retry-After after a short wait, and keep answering everything else meanwhile.
 */
const root = path.join(import.meta.dirname, '..', '..');
let ctx: TestContext;
let konnected: LoggedIn;
let other: Database.Database;

beforeAll(async () => {
  ctx = await createTestApp();
  konnected = await login(ctx.app, 'konnected');
  other = new Database(ctx.dbFile);
});
afterAll(async () => {
  if (other.inTransaction) other.exec('rollback');
  other.close();
  await ctx.close();
});

const deliver = () =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/dvos/deventer-konnected-2024/figures',
    headers: konnected.headers(true),
    payload: { figures: [{ indicator: 'lks_nieuw', period: '2024-04', value: 3 }] },
  });

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work;
  return { result, ms: performance.now() - start };
}

describe('a database locked by another process', () => {
  it('answers a write 503 with Retry-After, keeps answering the rest, and writes once the lock is gone', async () => {
    other.exec('begin immediate');
    try {
      const [write, health] = await Promise.all([timed(deliver()), timed(ctx.app.inject({ url: '/api/health' }))]);
      expect(write.result.statusCode).toBe(503);
      expect(write.result.headers['retry-after']).toBe('1');
      expect(write.result.json().error).toEqual({
        code: 'busy',
        message: 'De database is even bezet. Probeer het over een paar seconden opnieuw. Er is niets opgeslagen.',
      });
      // the write waited a moment, not seconds; health waited for it at most
      expect(write.ms).toBeLessThan(2000);
      expect(health.result.statusCode).toBe(200);
      expect(health.ms).toBeLessThan(2000);
      // reading goes on as usual, also when the session's expiry is due for its refresh (a write)
      ctx.clock.now = new Date(ctx.clock.now.getTime() + 5 * 60_000);
      const read = await ctx.app.inject({
        url: '/api/dvos/deventer-konnected-2024/figures?indicator=uitstroom',
        headers: konnected.headers(),
      });
      expect(read.statusCode).toBe(200);
      // a write through the query builder, which wraps SQLite's error in its own
      const loginWhileBusy = await attemptLogin(ctx.app, 'lezer');
      expect(loginWhileBusy.statusCode).toBe(503);
      expect(loginWhileBusy.json().error.code).toBe('busy');
    } finally {
      other.exec('rollback');
    }
    expect((await deliver()).statusCode).toBe(201);
  });

  it('makes a CLI import stop with a Dutch message and exit 1 instead of hanging or crashing', () => {
    other.exec('begin immediate');
    try {
      const result = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/cli.ts',
          'import',
          'deventer-konnected-2024',
          'fixtures/imports/good/comma-utf8.csv',
        ],
        { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: ctx.dbFile }, timeout: 60_000 },
      );
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        'De database is bezet door een ander proces. Probeer het over een paar seconden opnieuw.',
      );
    } finally {
      other.exec('rollback');
    }
  }, 90_000);
});
