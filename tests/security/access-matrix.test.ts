import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type Role } from '../../server/core/users/repository.ts';
import { loadDemoData } from '../../server/demo.ts';
import { addProvider } from '../../server/features/sso/providers.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { loginAtProvider, type RunningProvider, startOidcProvider } from '../helpers/oidc-provider.ts';
import {
  cookieFrom,
  createTestApp,
  type LoggedIn,
  login,
  TEST_PASSWORD,
  type TestContext,
} from '../helpers/test-app.ts';

/**
 * Every route × every role × own and other organisation × not logged in (issue 7). The route list
 * comes from the OpenAPI document, so a new route without a line here fails this test.
 */
const DVO = 'deventer-konnected-2024';
const ALL: Role[] = ['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'];

type Access =
  | { kind: 'public' }
  /** logging in: anyone may try; wrong credentials are a 401 for everyone */
  | { kind: 'login' }
  /** single sign-on: anyone is sent on (to the provider, or back to the login screen) */
  | { kind: 'redirect' }
  | { kind: 'user' }
  /**
   * Beheer of users: a beheerder of all organisations, or of the organisation the request is about
   * (here always gemeente-deventer); a beheerder of another organisation gets `otherOrganisation`.
   */
  | { kind: 'beheerder'; otherOrganisation: 'ok' | 403 | 404 }
  /** a route of one DVO: the roles that may use it (parties to the DVO only; beheerder always) */
  | { kind: 'dvo'; roles: Role[] };

interface RouteCase {
  access: Access;
  /** the request, given ids made in the setup and the asking user's own token id */
  request: (ids: Ids, own: { tokenId: number }) => { url: string; payload?: unknown; multipart?: boolean };
}

interface Ids {
  deviationId: number;
  meetingId: number;
  itemId: number;
}

const dvoRoute = (roles: Role[]): Access => ({ kind: 'dvo', roles });
const readers = dvoRoute(ALL);
const d = `/api/dvos/${DVO}`;

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { access: { kind: 'public' }, request: () => ({ url: '/api/health' }) },
  'POST /api/session': {
    access: { kind: 'login' },
    // a fresh name each time: the per-user throttle would otherwise answer 429 from the sixth try
    request: () => ({
      url: '/api/session',
      payload: { username: `niemand-${Math.random().toString(36).slice(2)}`, password: 'x' },
    }),
  },
  'GET /api/session': { access: { kind: 'user' }, request: () => ({ url: '/api/session' }) },
  'GET /api/sso/providers': { access: { kind: 'public' }, request: () => ({ url: '/api/sso/providers' }) },
  'GET /api/sso/{slug}/login': { access: { kind: 'redirect' }, request: () => ({ url: '/api/sso/matrix/login' }) },
  'GET /api/sso/{slug}/callback': {
    access: { kind: 'redirect' },
    request: () => ({ url: '/api/sso/matrix/callback?code=x&state=vervalst' }),
  },
  // ends the session like DELETE /api/session: below, last
  'POST /api/sso/logout': { access: { kind: 'user' }, request: () => ({ url: '/api/sso/logout' }) },
  'DELETE /api/session': { access: { kind: 'user' }, request: () => ({ url: '/api/session' }) },
  'GET /api/dvos': { access: { kind: 'user' }, request: () => ({ url: '/api/dvos' }) },
  'GET /api/dvos/{dvo}/indicators': { access: readers, request: () => ({ url: `${d}/indicators` }) },
  'GET /api/dvos/{dvo}/indicators/{code}/norms': {
    access: readers,
    request: () => ({ url: `${d}/indicators/uitstroom/norms` }),
  },
  'POST /api/dvos/{dvo}/indicators/{code}/norms': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: () => ({
      url: `${d}/indicators/uitstroom/norms`,
      payload: {
        norm: { basis: 'annual', kind: 'min', value: 400 },
        source: 'DVO art. 7',
        provisional: false,
        effectiveFrom: '2024-12',
        reason: 'matrix',
      },
    }),
  },
  'GET /api/dvos/{dvo}/indicators/{code}/norms/{version}/effect': {
    access: readers,
    request: () => ({ url: `${d}/indicators/uitstroom/norms/1/effect` }),
  },
  // the year cycle (decision 0024): a beheerder makes next year's DVO; one of an organisation only its own
  'POST /api/dvos': {
    access: { kind: 'beheerder', otherOrganisation: 403 },
    request: () => ({
      url: '/api/dvos',
      payload: {
        slug: `matrix-${Math.random().toString(36).slice(2, 8)}`,
        name: 'DVO 2025 matrix',
        year: 2025,
        opdrachtgever: 'gemeente-deventer',
        opdrachtnemer: 'konnected',
        from: DVO,
      },
    }),
  },
  // the shipped DVO is active already: 409 for those allowed; carrying last year's open work (decision
  // 0025) is part of activating, so only a beheerder asks it
  'POST /api/dvos/{dvo}/activate': {
    access: dvoRoute(['beheerder']),
    request: () => ({ url: `${d}/activate`, payload: { carryOpen: true } }),
  },
  'GET /api/dvos/{dvo}/catalogue': { access: readers, request: () => ({ url: `${d}/catalogue` }) },
  // matching an agreement with last year's belongs with agreeing the norms (decision 0026)
  'PUT /api/dvos/{dvo}/indicators/{code}/previous': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: () => ({ url: `${d}/indicators/uitstroom/previous`, payload: { previous: null } }),
  },
  'GET /api/dvos/{dvo}/status': { access: readers, request: () => ({ url: `${d}/status?period=2024-06` }) },
  'GET /api/dvos/{dvo}/series': { access: readers, request: () => ({ url: `${d}/series?period=2024-06` }) },
  'GET /api/dvos/{dvo}/evaluation': { access: readers, request: () => ({ url: `${d}/evaluation` }) },
  'GET /api/dvos/{dvo}/periods/locks': { access: readers, request: () => ({ url: `${d}/periods/locks` }) },
  'GET /api/dvos/{dvo}/periods/changes': {
    access: readers,
    request: () => ({ url: `${d}/periods/changes?period=2024-01` }),
  },
  'POST /api/dvos/{dvo}/periods/{period}/lock': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: () => ({ url: `${d}/periods/2024-01/lock` }),
  },
  'POST /api/dvos/{dvo}/periods/{period}/unlock': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: () => ({ url: `${d}/periods/2024-01/unlock`, payload: { reason: 'matrix' } }),
  },
  'POST /api/dvos/{dvo}/imports': {
    access: dvoRoute(['beheerder', 'opdrachtnemer']),
    request: () => ({ url: `${d}/imports?dryRun=true`, multipart: true }),
  },
  'GET /api/dvos/{dvo}/imports': { access: readers, request: () => ({ url: `${d}/imports` }) },
  'POST /api/dvos/{dvo}/figures': {
    access: dvoRoute(['beheerder', 'opdrachtnemer']),
    request: () => ({
      url: `${d}/figures?dryRun=true`,
      payload: { figures: [{ indicator: 'lks_nieuw', period: '2024-04', value: 1 }] },
    }),
  },
  'GET /api/dvos/{dvo}/figures': { access: readers, request: () => ({ url: `${d}/figures?indicator=uitstroom` }) },
  'GET /api/dvos/{dvo}/template': { access: readers, request: () => ({ url: `${d}/template?period=2024-06` }) },
  'GET /api/admin/users': {
    access: { kind: 'beheerder', otherOrganisation: 'ok' },
    request: () => ({ url: '/api/admin/users' }),
  },
  'POST /api/admin/users': {
    access: { kind: 'beheerder', otherOrganisation: 403 },
    request: () => ({
      url: '/api/admin/users',
      payload: {
        username: `nieuw${Math.random().toString(36).slice(2, 8)}`,
        role: 'lezer',
        organisation: 'gemeente-deventer',
      },
    }),
  },
  'PATCH /api/admin/users/{username}': {
    access: { kind: 'beheerder', otherOrganisation: 404 },
    request: () => ({ url: '/api/admin/users/doelwit', payload: { disabled: false } }),
  },
  'POST /api/admin/users/{username}/password': {
    access: { kind: 'beheerder', otherOrganisation: 404 },
    request: () => ({ url: '/api/admin/users/doelwit/password' }),
  },
  'GET /api/admin/audit': {
    access: { kind: 'beheerder', otherOrganisation: 'ok' },
    request: () => ({ url: '/api/admin/audit' }),
  },
  'GET /api/tokens': { access: { kind: 'user' }, request: () => ({ url: '/api/tokens' }) },
  'GET /api/todo': { access: { kind: 'user' }, request: () => ({ url: '/api/todo' }) },
  'GET /api/todo/mail': { access: { kind: 'user' }, request: () => ({ url: '/api/todo/mail' }) },
  'PATCH /api/todo/mail': {
    access: { kind: 'user' },
    request: () => ({ url: '/api/todo/mail', payload: { kinds: { overleg_digest: true } } }),
  },
  'POST /api/tokens': {
    access: { kind: 'user' },
    request: () => ({ url: '/api/tokens', payload: { label: 'matrix' } }),
  },
  'DELETE /api/tokens/{id}': {
    access: { kind: 'user' },
    request: (_ids, own) => ({ url: `/api/tokens/${own.tokenId}` }),
  },
  // decision 0017: both parties set hand-set statuses, a lezer reads them
  'GET /api/dvos/{dvo}/assessments/{indicator}': {
    access: readers,
    request: () => ({ url: `${d}/assessments/kwal_kto` }),
  },
  'PUT /api/dvos/{dvo}/assessments/{indicator}/{period}': {
    access: dvoRoute(['beheerder', 'opdrachtgever', 'opdrachtnemer']),
    request: () => ({ url: `${d}/assessments/kwal_kto/2024-Q3`, payload: { status: 'on_track', narrative: 'matrix' } }),
  },
  'GET /api/dvos/{dvo}/deviations': { access: readers, request: () => ({ url: `${d}/deviations?period=2024-06` }) },
  'GET /api/dvos/{dvo}/deviations/{id}': {
    access: readers,
    request: (ids) => ({ url: `${d}/deviations/${ids.deviationId}` }),
  },
  'PUT /api/dvos/{dvo}/deviations/{id}/toelichting': {
    access: dvoRoute(['beheerder', 'opdrachtnemer']),
    request: (ids) => ({
      url: `${d}/deviations/${ids.deviationId}/toelichting`,
      payload: { text: 'toelichting uit de matrix' },
    }),
  },
  'PUT /api/dvos/{dvo}/deviations/{id}/maatregel': {
    access: dvoRoute(['beheerder', 'opdrachtgever', 'opdrachtnemer']),
    request: (ids) => ({
      url: `${d}/deviations/${ids.deviationId}/maatregel`,
      payload: { text: 'maatregel', owner: 'teamleider', deadline: '2024-12-31' },
    }),
  },
  'POST /api/dvos/{dvo}/deviations/{id}/transitions': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: (ids) => ({ url: `${d}/deviations/${ids.deviationId}/transitions`, payload: { to: 'besproken' } }),
  },
  'GET /api/dvos/{dvo}/meetings': { access: readers, request: () => ({ url: `${d}/meetings` }) },
  'POST /api/dvos/{dvo}/meetings': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: () => ({
      url: `${d}/meetings`,
      payload: { type: 'voortgangsbespreking', date: '2024-10-15', period: '2024-09' },
    }),
  },
  'GET /api/dvos/{dvo}/meetings/{id}': {
    access: readers,
    request: (ids) => ({ url: `${d}/meetings/${ids.meetingId}` }),
  },
  'PATCH /api/dvos/{dvo}/meetings/{id}': {
    access: dvoRoute(['beheerder', 'opdrachtgever']),
    request: (ids) => ({ url: `${d}/meetings/${ids.meetingId}`, payload: { attendees: ['beleid', 'teamleiders'] } }),
  },
  'GET /api/dvos/{dvo}/meetings/{id}/deviations': {
    access: readers,
    request: (ids) => ({ url: `${d}/meetings/${ids.meetingId}/deviations` }),
  },
  'POST /api/dvos/{dvo}/meetings/{id}/items': {
    access: dvoRoute(['beheerder', 'opdrachtgever', 'opdrachtnemer']),
    request: (ids) => ({
      url: `${d}/meetings/${ids.meetingId}/items`,
      payload: { kind: 'actiepunt', text: 'matrix', owner: 'x', deadline: '2024-12-01' },
    }),
  },
  'PATCH /api/dvos/{dvo}/meeting-items/{itemId}': {
    access: dvoRoute(['beheerder', 'opdrachtgever', 'opdrachtnemer']),
    request: (ids) => ({ url: `${d}/meeting-items/${ids.itemId}`, payload: { state: 'open' } }),
  },
};

/**
 * The downloads behind a `format=` of a documented route: the same roles as its JSON, checked apart
 * because a file is rendered by other code (issue #13: Maandoverzicht and figures as XLSX).
 */
const EXPORTS: Record<string, RouteCase> = {
  'GET /api/dvos/{dvo}/status?format=xlsx': {
    access: readers,
    request: () => ({ url: `${d}/status?period=2024-06&format=xlsx` }),
  },
  'GET /api/dvos/{dvo}/figures?format=xlsx': {
    access: readers,
    request: () => ({ url: `${d}/figures?from=2024-06&to=2024-06&format=xlsx` }),
  },
  'GET /api/dvos/{dvo}/deviations?format=pdf': {
    access: readers,
    request: () => ({ url: `${d}/deviations?period=2024-06&format=pdf` }),
  },
  'GET /api/dvos/{dvo}/deviations?format=xlsx': {
    access: readers,
    request: () => ({ url: `${d}/deviations?period=2024-06&format=xlsx` }),
  },
};

let ctx: TestContext;
let ids: Ids;
const sessions = new Map<string, LoggedIn>();
const USERS: { username: string; role: Role; org: 'own' | 'other' | null; sso?: true }[] = [
  { username: 'admin', role: 'beheerder', org: null },
  { username: 'deventer-beheer', role: 'beheerder', org: 'own' },
  { username: 'raalte-beheer', role: 'beheerder', org: 'other' },
  { username: 'gemeente', role: 'opdrachtgever', org: 'own' },
  { username: 'konnected', role: 'opdrachtnemer', org: 'own' },
  { username: 'lezer', role: 'lezer', org: 'own' },
  { username: 'raalte-gemeente', role: 'opdrachtgever', org: 'other' },
  { username: 'raalte-bedrijf', role: 'opdrachtnemer', org: 'other' },
  { username: 'raalte-lezer', role: 'lezer', org: 'other' },
  // logged in through a real OpenID provider (issue 15), users created by their first login
  { username: 'sso-beleid', role: 'opdrachtgever', org: 'own', sso: true },
  { username: 'sso-teamleider', role: 'opdrachtnemer', org: 'own', sso: true },
  { username: 'sso-raalte', role: 'opdrachtgever', org: 'other', sso: true },
];
const APP_URL = 'http://127.0.0.1:3998';
const SSO_ORGS = [
  { slug: 'deventer', org: 'gemeente-deventer', group: 'Beleid', role: 'opdrachtgever' as const, login: 'sso-beleid' },
  {
    slug: 'konnected',
    org: 'konnected',
    group: 'Teamleiders',
    role: 'opdrachtnemer' as const,
    login: 'sso-teamleider',
  },
  { slug: 'raalte', org: 'gemeente-raalte', group: 'Beleid', role: 'opdrachtgever' as const, login: 'sso-raalte' },
];
let op: RunningProvider;

/** A session through the test provider: the app's login redirect, the provider's screens, the callback. */
async function ssoLogin(username: string): Promise<LoggedIn> {
  const provider = SSO_ORGS.find((o) => o.login === username) as (typeof SSO_ORGS)[number];
  const start = await ctx.app.inject({ url: `/api/sso/${provider.slug}/login` });
  const callback = await loginAtProvider(start.headers.location as string, username, `${APP_URL}/api/sso/`);
  const done = await ctx.app.inject({
    url: callback.pathname + callback.search,
    headers: { cookie: cookieFrom(start) },
  });
  const setCookie = [done.headers['set-cookie']].flat().find((c) => c?.startsWith('dvo_session='));
  if (!setCookie) throw new Error(`sso login ${username}: ${done.statusCode} ${done.headers.location}`);
  const cookie = setCookie.split(';')[0] as string;
  const csrfToken = (await ctx.app.inject({ url: '/api/session', headers: { cookie } })).json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    headers: (write = false): Record<string, string> => (write ? { cookie, 'x-csrf-token': csrfToken } : { cookie }),
  };
}

beforeAll(async () => {
  ctx = await createTestApp({
    now: new Date('2024-10-15T09:00:00.000Z'),
    loginAttemptsPerMinute: 1000,
    appUrl: APP_URL,
  });
  op = await startOidcProvider(
    SSO_ORGS.map((o) => ({
      clientId: `matrix-${o.slug}`,
      clientSecret: `matrix-secret-${o.slug}-0123456789`,
      redirectUri: `${APP_URL}/api/sso/${o.slug}/callback`,
      postLogoutRedirectUri: `${APP_URL}/`,
    })),
    Object.fromEntries(SSO_ORGS.map((o) => [o.login, { preferred_username: o.login, groups: [o.group] }])),
  );
  for (const o of SSO_ORGS) {
    addProvider(
      ctx.db,
      {
        slug: o.slug,
        organisation: o.org,
        issuer: op.issuer,
        clientId: `matrix-${o.slug}`,
        clientSecret: `matrix-secret-${o.slug}-0123456789`,
        roleClaim: 'groups',
        rules: [{ value: o.group, role: o.role }],
      },
      new Date(),
    );
  }
  await loadDemoData(ctx.db, { info: () => undefined });
  const now = ctx.clock.now;
  await createUser(
    ctx.db,
    { username: 'raalte-gemeente', password: TEST_PASSWORD, role: 'opdrachtgever', organisation: 'gemeente-raalte' },
    now,
  );
  await createUser(
    ctx.db,
    { username: 'raalte-bedrijf', password: TEST_PASSWORD, role: 'opdrachtnemer', organisation: 'bedrijf-x' },
    now,
  );
  await createUser(
    ctx.db,
    { username: 'raalte-lezer', password: TEST_PASSWORD, role: 'lezer', organisation: 'gemeente-raalte' },
    now,
  );
  await createUser(
    ctx.db,
    { username: 'deventer-beheer', password: TEST_PASSWORD, role: 'beheerder', organisation: 'gemeente-deventer' },
    now,
  );
  await createUser(
    ctx.db,
    { username: 'raalte-beheer', password: TEST_PASSWORD, role: 'beheerder', organisation: 'gemeente-raalte' },
    now,
  );
  await createUser(
    ctx.db,
    { username: 'doelwit', password: TEST_PASSWORD, role: 'lezer', organisation: 'gemeente-deventer' },
    now,
  );
  const admin = await login(ctx.app, 'admin');
  const deviations = await ctx.app.inject({ url: `${d}/deviations?period=2024-06`, headers: admin.headers() });
  const meeting = await ctx.app.inject({
    method: 'POST',
    url: `${d}/meetings`,
    headers: admin.headers(true),
    payload: { type: 'kwartaaloverleg', date: '2024-07-20', period: '2024-Q2' },
  });
  const item = await ctx.app.inject({
    method: 'POST',
    url: `${d}/meetings/${meeting.json().id}/items`,
    headers: admin.headers(true),
    payload: { kind: 'actiepunt', text: 'x', owner: 'y', deadline: '2024-09-01' },
  });
  ids = { deviationId: deviations.json().rows[0].deviationId, meetingId: meeting.json().id, itemId: item.json().id };
  expect(ids.deviationId).toBeTypeOf('number');
  expect(ids.meetingId).toBeTypeOf('number');
  expect(ids.itemId).toBeTypeOf('number');
});
afterAll(async () => {
  await op?.stop();
  await ctx.close();
});

async function send(
  method: string,
  route: RouteCase,
  who: LoggedIn | null,
  own: { tokenId: number },
): Promise<LightMyRequestResponse> {
  const req = route.request(ids, own);
  const headers: Record<string, string> = who ? who.headers(method !== 'GET') : {};
  if (req.multipart) {
    const body = multipartFile('x.csv', 'indicator,periode,waarde\nlks_nieuw,2024-04,1\n');
    return ctx.app.inject({
      method: method as 'POST',
      url: req.url,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  }
  return ctx.app.inject({
    method: method as 'GET',
    url: req.url,
    headers,
    ...(req.payload === undefined ? {} : { payload: req.payload as object }),
  });
}

/** What a user may expect from a route: 'ok' (2xx, or a 409/422/400 about the content), or the refusal code. */
function expected(access: Access, user: (typeof USERS)[number] | null): 'ok' | 302 | 401 | 403 | 404 | '403|404' {
  if (access.kind === 'public') return 'ok';
  if (access.kind === 'login') return 401;
  if (access.kind === 'redirect') return 302;
  if (!user) return 401;
  if (access.kind === 'user') return 'ok';
  if (access.kind === 'beheerder') {
    if (user.role !== 'beheerder') return 403;
    return user.org === 'other' ? access.otherOrganisation : 'ok';
  }
  const roleAllowed = user.role === 'beheerder' || access.roles.includes(user.role);
  if (user.org === 'other') return roleAllowed ? 404 : '403|404';
  return roleAllowed ? 'ok' : 403;
}

describe('access matrix', () => {
  it('covers every route of the OpenAPI document', async () => {
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !documented.includes(r))).toEqual([]);
  });

  it.each([null, ...USERS])('answers %s exactly as the roles allow, on every route', async (user) => {
    let session: LoggedIn | null = null;
    let tokenId = 0;
    if (user) {
      session =
        sessions.get(user.username) ?? (user.sso ? await ssoLogin(user.username) : await login(ctx.app, user.username));
      sessions.set(user.username, session);
      const token = await ctx.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: session.headers(true),
        payload: { label: 'eigen' },
      });
      tokenId = token.json().id;
    }
    const outcomes: string[] = [];
    for (const [key, route] of [...Object.entries(ROUTES), ...Object.entries(EXPORTS)]) {
      if (key === 'DELETE /api/session' || key === 'POST /api/sso/logout') continue; // below, last: they end the session
      const [method] = key.split(' ') as [string];
      const response = await send(method, route, session, { tokenId });
      const want = expected(route.access, user);
      const got = response.statusCode;
      const ok =
        want === 'ok'
          ? got < 300 || [400, 409, 422].includes(got)
          : want === '403|404'
            ? got === 403 || got === 404
            : got === want;
      if (!ok) outcomes.push(`${key}: expected ${want}, got ${got} ${response.body.slice(0, 120)}`);
      expect(got, key).toBeLessThan(500);
    }
    // an SSO user logs out through the route that also ends the provider's session; the others through DELETE
    if (user?.sso || !user) {
      const ssoLogout = await send('POST', ROUTES['POST /api/sso/logout'] as RouteCase, session, { tokenId });
      expect(ssoLogout.statusCode).toBe(user ? 200 : 401);
      if (user) {
        expect(ssoLogout.json().logoutUrl).toMatch(new RegExp(`^${op.issuer}/`));
        expect((await send('GET', ROUTES['GET /api/session'] as RouteCase, session, { tokenId })).statusCode).toBe(401);
      }
    }
    if (!user?.sso) {
      const logout = await send('DELETE', ROUTES['DELETE /api/session'] as RouteCase, session, { tokenId });
      expect(logout.statusCode).toBe(user ? 204 : 401);
    }
    sessions.delete(user?.username ?? '');
    expect(outcomes).toEqual([]);
  });
});
