import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, SessionSchema } from '../shared/contracts/session.ts';
import { createTestApp, login, type TestContext } from '../tests/helpers/test-app.ts';
import { CLIENT_DIST } from './app.ts';
import { renderShell, SESSION_META } from './shell.ts';

let ctx: TestContext;
beforeAll(async () => {
  // dist/client is built by the global setup (tests/setup/build-client.ts)
  ctx = await createTestApp({ serveClient: true });
});
afterAll(async () => {
  await ctx.close();
});

/** The session as the browser reads it from the page: the meta tag's attribute, entities decoded. */
function sessionIn(html: string): unknown {
  const match = new RegExp(`<meta name="${SESSION_META}" content="([^"]*)"`).exec(html);
  if (!match) throw new Error('no session meta');
  return JSON.parse((match[1] as string).replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))));
}

describe('the page shell', () => {
  it('carries the session of the cookie, the same as GET /api/session, and is never cached', async () => {
    const gemeente = await login(ctx.app, 'gemeente');
    const page = await ctx.app.inject({
      url: '/dvo/deventer-konnected-2024/maand/2024-06',
      headers: gemeente.headers(),
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const api = await ctx.app.inject({ url: '/api/session', headers: gemeente.headers() });
    expect(sessionIn(page.body)).toEqual(api.json());
    expect(SessionSchema.parse(sessionIn(page.body)).csrfToken).toBe(gemeente.csrfToken);
  });

  it('says nobody is logged in without a valid cookie', async () => {
    for (const headers of [{}, { cookie: 'dvo_session=verlopen' }]) {
      const page = await ctx.app.inject({ url: '/', headers });
      expect(sessionIn(page.body)).toBeNull();
    }
  });

  it('cannot be broken out of by what a session contains', async () => {
    const session: Session = {
      user: {
        username: '"><script>alert(1)</script>',
        role: 'lezer',
        organisation: { slug: 'x', name: "O'Neil & <Co>" },
      },
      csrfToken: 'abc',
      expiresAt: '2024-10-15T10:00:00.000Z',
    };
    const html = await renderShell(CLIENT_DIST, session);
    expect(html).not.toMatch(/<script>alert/);
    expect(sessionIn(html)).toEqual(session);
  });
});
