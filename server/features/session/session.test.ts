import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptLogin, cookieFrom, createTestApp, login, type TestContext } from '../../../tests/helpers/test-app.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(async () => {
  await ctx.close();
});

describe('session', () => {
  it('logs in with a correct password and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await attemptLogin(ctx.app, 'gemeente');
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const body = response.json();
    expect(body.user).toEqual({
      username: 'gemeente',
      role: 'opdrachtgever',
      organisation: { slug: 'gemeente-deventer', name: 'Gemeente Deventer' },
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('refuses a wrong password with a Dutch message that does not say which part was wrong', async () => {
    const wrong = await attemptLogin(ctx.app, 'gemeente', 'nope-nope-nope');
    const unknown = await attemptLogin(ctx.app, 'niemand', 'nope-nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'unauthorized', message: 'Gebruikersnaam of wachtwoord is onjuist.' });
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('tells who is logged in, with the CSRF token, and forgets the session after logout', async () => {
    const session = await login(ctx.app, 'konnected');
    const me = await ctx.app.inject({ method: 'GET', url: '/api/session', headers: session.headers() });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('konnected');
    expect(me.json().csrfToken).toBe(session.csrfToken);

    const logout = await ctx.app.inject({ method: 'DELETE', url: '/api/session', headers: session.headers(true) });
    expect(logout.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/session', headers: session.headers() });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a cookie write without the CSRF header', async () => {
    const session = await login(ctx.app, 'konnected');
    const response = await ctx.app.inject({ method: 'DELETE', url: '/api/session', headers: session.headers(false) });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('ends a session that was idle longer than the idle time, and keeps an active one alive', async () => {
    const session = await login(ctx.app, 'lezer');
    const start = ctx.clock.now.getTime();
    // used after 50 minutes (idle limit 60): still valid, and refreshed
    ctx.clock.now = new Date(start + 50 * 60_000);
    const used = await ctx.app.inject({ url: '/api/session', headers: session.headers() });
    expect(used.statusCode).toBe(200);
    // the answer says when it now ends: an hour after this use
    expect(used.json().expiresAt).toBe(new Date(start + 110 * 60_000).toISOString());
    // used again within the minute: not written again, still the same end
    ctx.clock.now = new Date(start + 50 * 60_000 + 30_000);
    const again = await ctx.app.inject({ url: '/api/session', headers: session.headers() });
    expect(again.json().expiresAt).toBe(new Date(start + 110 * 60_000).toISOString());
    // 100 minutes after login but only 50 after last use: still valid
    ctx.clock.now = new Date(start + 100 * 60_000);
    expect((await ctx.app.inject({ url: '/api/session', headers: session.headers() })).statusCode).toBe(200);
    // 61 idle minutes later: gone
    ctx.clock.now = new Date(start + 161 * 60_000);
    expect((await ctx.app.inject({ url: '/api/session', headers: session.headers() })).statusCode).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const response = await attemptLogin(ctx.app, 'admin');
    const token = cookieFrom(response).split('=')[1] as string;
    const rows = ctx.db.$client.prepare('select token_hash from sessions').all() as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('first start', () => {
  it('creates a beheerder when only disabled system accounts hold that role', async () => {
    const { ensureBeheerder } = await import('../../setup.ts');
    ctx.db.$client.prepare("update users set disabled = 1 where role = 'beheerder'").run();
    const password = await ensureBeheerder(ctx.db, ctx.clock.now);
    expect(password).toMatch(/^\S{12,}$/);
    expect(await ensureBeheerder(ctx.db, ctx.clock.now)).toBeNull();
    const session = await login(ctx.app, 'beheerder', password as string);
    expect(session.csrfToken).toBeTruthy();
  });
});

describe('login throttling', () => {
  it('refuses a user name with 429 and a Dutch message after 5 failed attempts, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'lezer', password: `fout-${i}-wachtwoord` },
      });
      expect(wrong.statusCode).toBe(401);
    }
    const blocked = await attemptLogin(ctx.app, 'lezer');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Te veel mislukte pogingen/),
    });
    // another user is not affected
    expect((await attemptLogin(ctx.app, 'gemeente')).statusCode).toBe(200);
    // after the window the user can log in again
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 16 * 60_000);
    expect((await attemptLogin(ctx.app, 'lezer')).statusCode).toBe(200);
  });

  it('limits one address to 10 login attempts a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `iemand${i}`, password: 'wat-dan-ook-123' },
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe('login without tells and without locking out others', () => {
  it('takes as long for an unknown user name as for a known one', async () => {
    const attempt = async (username: string, i: number, expectedStatus: number) => {
      const start = performance.now();
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        // a fresh address each time, so the per-address limit never answers instead of the password check
        remoteAddress: `10.0.0.${i}`,
        payload: { username, password: 'correct-horse-battery' },
      });
      expect(response.statusCode).toBe(expectedStatus);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // interleaved, so a burst of load on the machine hits both alike
    for (let i = 0; i < 9; i++) {
      known.push(await attempt('gemeente', 2 * i, 200));
      unknown.push(await attempt(`niemand${i}`, 2 * i + 1, 401));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    // a password hash costs ~20–30 ms, the rest of a login ~1–3 ms: without the hash the ratio is ~10
    expect(median(unknown)).toBeGreaterThan(median(known) / 2.5);
  });

  it('locks an account for the address that failed, not for the user at another address', async () => {
    const attempt = (remoteAddress: string, password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress,
        payload: { username: 'admin', password },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('203.0.113.9', `geraden-${i}-wachtwoord`)).statusCode).toBe(401);
    expect((await attempt('203.0.113.9', 'correct-horse-battery')).statusCode).toBe(429);
    expect((await attempt('192.0.2.10', 'correct-horse-battery')).statusCode).toBe(200);
  });
});

describe('expired sessions', () => {
  it('are removed at start-up and periodically, and a failing purge does not end the process', async () => {
    const { startSessionPurge } = await import('./purge.ts');
    await login(ctx.app, 'lezer');
    await login(ctx.app, 'gemeente');
    const count = () => (ctx.db.$client.prepare('select count(*) as n from sessions').get() as { n: number }).n;
    expect(count()).toBe(2);
    // the test app's idle limit is an hour
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 61 * 60_000);
    await login(ctx.app, 'konnected');
    const warnings: string[] = [];
    const log = { warn: (_: unknown, message: string) => void warnings.push(message) };
    const purge = startSessionPurge(ctx.db, { now: () => ctx.clock.now, intervalMs: 20, log });
    try {
      // at start: the two idle sessions are gone, the fresh one stays
      expect(count()).toBe(1);
      ctx.clock.now = new Date(ctx.clock.now.getTime() + 61 * 60_000);
      await expect.poll(count, { timeout: 2000 }).toBe(0);
      // a purge that cannot run (here: the table is gone) is logged, the timer goes on
      ctx.db.$client.exec('alter table sessions rename to sessions_weg');
      await expect.poll(() => warnings.length, { timeout: 2000 }).toBeGreaterThan(1);
      ctx.db.$client.exec('alter table sessions_weg rename to sessions');
    } finally {
      purge.stop();
    }
  });

  it('are removed when the server starts', async () => {
    await login(ctx.app, 'lezer');
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 61 * 60_000);
    const { buildApp } = await import('../../app.ts');
    const again = await buildApp({
      db: ctx.db,
      config: { maxUploadBytes: 1024, sessionIdleMinutes: 60, secureCookies: false, logLevel: 'silent' },
      now: () => ctx.clock.now,
      serveClient: false,
      logger: false,
    });
    await again.close();
    expect(ctx.db.$client.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
  });
});
