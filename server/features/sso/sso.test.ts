import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, ssoLogins, users } from '../../../db/schema.ts';
import { loginAtProvider, type RunningProvider, startOidcProvider } from '../../../tests/helpers/oidc-provider.ts';
import { attemptLogin, cookieFrom, createTestApp, type TestContext } from '../../../tests/helpers/test-app.ts';
import { addProvider } from './providers.ts';

const APP_URL = 'http://127.0.0.1:3999';
const SECRET = 'geheim-van-de-gemeente-0123456789';
let ctx: TestContext;
let op: RunningProvider;

beforeAll(async () => {
  ctx = await createTestApp({ appUrl: APP_URL });
  op = await startOidcProvider(
    [
      {
        clientId: 'dvo-deventer',
        clientSecret: SECRET,
        redirectUri: `${APP_URL}/api/sso/deventer/callback`,
        postLogoutRedirectUri: `${APP_URL}/`,
      },
    ],
    {
      jan: { email: 'jan@deventer.example', preferred_username: 'jan', groups: ['DVO-Beleid'] },
      lees: { email: 'lees@deventer.example', preferred_username: 'lees', groups: ['DVO-Lezers'] },
      nobody: { preferred_username: 'nobody', groups: ['Kantine'] },
    },
  );
  addProvider(
    ctx.db,
    {
      slug: 'deventer',
      organisation: 'gemeente-deventer',
      issuer: op.issuer,
      clientId: 'dvo-deventer',
      clientSecret: SECRET,
      roleClaim: 'groups',
      rules: [
        { value: 'DVO-Beleid', role: 'opdrachtgever' },
        { value: 'DVO-Lezers', role: 'lezer' },
      ],
    },
    new Date(),
  );
}, 60_000);

afterAll(async () => {
  await op?.stop();
  await ctx?.close();
});

beforeEach(() => {
  op.tamper = null;
});

/** Starts a login at the app, logs in at the provider, and returns the callback and the browser cookie. */
async function throughProvider(loginName: string) {
  const start = await ctx.app.inject({ url: '/api/sso/deventer/login' });
  expect(start.statusCode).toBe(302);
  const browser = cookieFrom(start);
  const callback = await loginAtProvider(start.headers.location as string, loginName, `${APP_URL}/api/sso/`);
  return { callback, browser };
}

async function finish(callback: URL, browser: string | null) {
  return ctx.app.inject({
    url: callback.pathname + callback.search,
    headers: browser ? { cookie: browser } : {},
  });
}

async function loginAs(loginName: string) {
  const { callback, browser } = await throughProvider(loginName);
  return finish(callback, browser);
}

function sessionCookie(response: Awaited<ReturnType<typeof finish>>): string | null {
  const all = response.headers['set-cookie'];
  const list = Array.isArray(all) ? all : all ? [all] : [];
  const found = list.find((c) => c.startsWith('dvo_session=') && !c.startsWith('dvo_session=;'));
  return found ? (found.split(';')[0] as string) : null;
}

describe('single sign-on through a real OpenID provider', () => {
  it('offers the organisation on the login screen without any secret', async () => {
    const response = await ctx.app.inject({ url: '/api/sso/providers' });
    expect(response.json()).toEqual({ providers: [{ slug: 'deventer', organisation: 'Gemeente Deventer' }] });
    expect(response.body).not.toContain(SECRET);
    expect(JSON.stringify(ctx.app.swagger())).not.toContain(SECRET);
  });

  it('creates the user in the organisation with the mapped role at the first login', async () => {
    const response = await loginAs('jan');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http-equiv="refresh"');
    const cookie = sessionCookie(response);
    expect(cookie).not.toBeNull();
    const session = await ctx.app.inject({ url: '/api/session', headers: { cookie: cookie as string } });
    expect(session.json().user).toEqual({
      username: 'jan',
      role: 'opdrachtgever',
      organisation: { slug: 'gemeente-deventer', name: 'Gemeente Deventer' },
    });
    // only the DVOs of its own organisation
    const dvos = await ctx.app.inject({ url: '/api/dvos', headers: { cookie: cookie as string } });
    expect(dvos.json().dvos.map((d: { slug: string }) => d.slug)).toEqual(['deventer-konnected-2024']);
    const row = ctx.db.select().from(users).where(eq(users.username, 'jan')).get();
    expect(row?.email).toBe('jan@deventer.example');
    // and it cannot log in with a password
    const password = await attemptLogin(ctx.app, 'jan', '!sso');
    expect(password.statusCode).toBe(401);
  });

  it('updates the role at a later login when the group changed', async () => {
    op.accounts.set('jan', { ...(op.accounts.get('jan') as object), groups: ['DVO-Lezers'] });
    const response = await loginAs('jan');
    const cookie = sessionCookie(response) as string;
    const session = await ctx.app.inject({ url: '/api/session', headers: { cookie } });
    expect(session.json().user.role).toBe('lezer');
    const audit = ctx.db.select().from(auditLog).where(eq(auditLog.action, 'sso_role_update')).all();
    expect(audit).toHaveLength(1);
    op.accounts.set('jan', { ...(op.accounts.get('jan') as object), groups: ['DVO-Beleid'] });
  });

  it('refuses, in Dutch on the login screen, a login that no rule maps to a role, and creates nobody', async () => {
    const response = await loginAs('nobody');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/?sso=geen-rol');
    expect(sessionCookie(response)).toBeNull();
    expect(ctx.db.select().from(users).where(eq(users.username, 'nobody')).get()).toBeUndefined();
  });

  it('keeps a user out who is disabled in the app', async () => {
    await loginAs('lees');
    ctx.db.update(users).set({ disabled: true }).where(eq(users.username, 'lees')).run();
    const response = await loginAs('lees');
    expect(response.headers.location).toBe('/?sso=uitgeschakeld');
    expect(sessionCookie(response)).toBeNull();
  });

  it('refuses a callback whose state was altered', async () => {
    const { callback, browser } = await throughProvider('jan');
    callback.searchParams.set('state', 'vervalst');
    const response = await finish(callback, browser);
    expect(response.headers.location).toBe('/?sso=mislukt');
    expect(sessionCookie(response)).toBeNull();
  });

  it('refuses a callback in another browser than the one that started the login', async () => {
    const { callback } = await throughProvider('jan');
    const response = await finish(callback, null);
    expect(response.headers.location).toBe('/?sso=mislukt');
    expect(sessionCookie(response)).toBeNull();
  });

  it('refuses the same callback a second time', async () => {
    const { callback, browser } = await throughProvider('jan');
    expect(sessionCookie(await finish(callback, browser))).not.toBeNull();
    const again = await finish(callback, browser);
    expect(again.headers.location).toBe('/?sso=mislukt');
  });

  it('refuses when the PKCE verifier does not match the challenge', async () => {
    const { callback, browser } = await throughProvider('jan');
    ctx.db
      .update(ssoLogins)
      .set({ codeVerifier: 'x'.repeat(64) })
      .run();
    const response = await finish(callback, browser);
    expect(response.headers.location).toBe('/?sso=mislukt');
  });

  it('refuses an id_token with another nonce than the login sent', async () => {
    const { callback, browser } = await throughProvider('jan');
    ctx.db.update(ssoLogins).set({ nonce: 'een-andere-nonce' }).run();
    const response = await finish(callback, browser);
    expect(response.headers.location).toBe('/?sso=mislukt');
  });

  it.each(['issuer', 'audience', 'signature', 'expired'] as const)(
    'refuses an id_token with a wrong %s',
    async (tamper) => {
      const { callback, browser } = await throughProvider('jan');
      op.tamper = tamper;
      const response = await finish(callback, browser);
      expect(response.headers.location).toBe('/?sso=mislukt');
      expect(sessionCookie(response)).toBeNull();
    },
  );

  it('ends the app session at logout and sends the browser to the provider to end its session', async () => {
    const cookie = sessionCookie(await loginAs('jan')) as string;
    const session = await ctx.app.inject({ url: '/api/session', headers: { cookie } });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/sso/logout',
      headers: { cookie, 'x-csrf-token': session.json().csrfToken },
    });
    expect(response.statusCode).toBe(200);
    const logoutUrl = new URL(response.json().logoutUrl);
    expect(logoutUrl.origin).toBe(op.issuer);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_URL}/`);
    expect((await ctx.app.inject({ url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers an unknown provider with the login screen and a message', async () => {
    const response = await ctx.app.inject({ url: '/api/sso/bestaat-niet/login' });
    expect(response.headers.location).toBe('/?sso=onbekend');
  });
});
