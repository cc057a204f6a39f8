import { beforeAll, describe, expect, it } from 'vitest';
import type { MailSettings, TeDoenResponse } from '../../../shared/contracts/te-doen.ts';
import { type LoggedIn, login, setupTestApp } from '../../../tests/helpers/test-app.ts';
import { createUser } from '../../core/users/repository.ts';

// The clock stands at 15 October 2024: September's figures are due on the 14th of October (late
// now), the demo delivers up to some month; every period the demo leaves out after that is listed.

const DVO = 'deventer-konnected-2024';
const ctx = setupTestApp({ demo: true });
let jan: LoggedIn;

beforeAll(async () => {
  await createUser(
    ctx.db,
    { username: 'jan', password: 'correct-horse-battery', role: 'opdrachtnemer', organisation: 'konnected' },
    ctx.clock.now,
  );
  ctx.db.$client.prepare("update users set email = 'Jan@KonnecteD.nl' where username = 'jan'").run();
  jan = await login(ctx.app, 'jan');
  // reading the deviation list opens the threads (decision 0008)
  const list = await ctx.app.inject({
    url: `/api/dvos/${DVO}/deviations?period=2024-09`,
    headers: ctx.gemeente.headers(),
  });
  expect(list.statusCode, list.body).toBe(200);
});

async function todo(who: LoggedIn): Promise<TeDoenResponse> {
  const response = await ctx.app.inject({ url: '/api/todo', headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function send(who: LoggedIn, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown) {
  return ctx.app.inject({ method, url, headers: who.headers(true), payload: payload as object });
}

describe('GET /api/todo', () => {
  it('refuses a visitor who is not logged in', async () => {
    expect((await ctx.app.inject({ url: '/api/todo' })).statusCode).toBe(401);
  });

  it('gives the opdrachtnemer the periods due or late for its own DVO, late ones first, and counts them', async () => {
    const body = await todo(ctx.konnected);
    expect(body.today).toBe('2024-10-15');
    expect(body.deliveries.length).toBeGreaterThan(0);
    expect(new Set(body.deliveries.map((d) => d.dvo.slug))).toEqual(new Set([DVO]));
    for (const d of body.deliveries) {
      expect(d.state).toBe(d.dueDate < '2024-10-15' ? 'te_laat' : 'open');
      expect(d.dueDate <= '2024-10-29').toBe(true);
    }
    expect(body.count).toBe(body.deliveries.length + body.deviations.length + body.actions.length);
  });

  it('gives the gemeente no deliveries (it does not deliver) but the deviations that wait for its maatregel', async () => {
    const body = await todo(ctx.gemeente);
    expect(body.deliveries).toEqual([]);
    expect(body.deviations.length).toBeGreaterThan(0);
    expect(body.deviations.every((d) => d.needs === 'maatregel')).toBe(true);
    const konnectedBody = await todo(ctx.konnected);
    expect(konnectedBody.deviations.every((d) => d.needs === 'toelichting')).toBe(true);
    expect(konnectedBody.deviations.map((d) => d.id).sort()).toEqual(body.deviations.map((d) => d.id).sort());
  });

  it('gives a lezer nothing to do, and the beheerder the deliveries of every DVO', async () => {
    const body = await todo(ctx.lezer);
    expect(body.count).toBe(0);
    const adminBody = await todo(ctx.admin);
    expect(new Set(adminBody.deliveries.map((d) => d.dvo.slug))).toContain(DVO);
    expect(adminBody.deliveries.length).toBeGreaterThanOrEqual((await todo(ctx.konnected)).deliveries.length);
  });

  it('drops a deviation from the opdrachtnemer once it has its toelichting', async () => {
    const before = await todo(ctx.konnected);
    const first = before.deviations[0];
    if (!first) throw new Error('no deviation waiting');
    const response = await send(ctx.konnected, 'PUT', `/api/dvos/${DVO}/deviations/${first.id}/toelichting`, {
      text: 'Minder vacatures in de zorg.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = await todo(ctx.konnected);
    expect(after.deviations.map((d) => d.id)).not.toContain(first.id);
    expect(after.count).toBe(before.count - 1);
  });

  it('drops a delivery once its figures arrive', async () => {
    const before = await todo(ctx.konnected);
    const item = before.deliveries[0];
    if (!item) throw new Error('no delivery open');
    const indicators = await ctx.app.inject({ url: `/api/dvos/${DVO}/indicators`, headers: ctx.konnected.headers() });
    const def = (indicators.json().indicators as { code: string; kind: string }[]).find(
      (i) => i.code === item.indicator,
    );
    const figure =
      def?.kind === 'ratio'
        ? { indicator: item.indicator, period: item.period, numerator: 1, denominator: 2 }
        : { indicator: item.indicator, period: item.period, value: 1 };
    const response = await send(ctx.konnected, 'POST', `/api/dvos/${DVO}/figures`, { figures: [figure] });
    expect(response.statusCode, response.body).toBeLessThan(300);
    const after = await todo(ctx.konnected);
    expect(after.deliveries.some((d) => d.indicator === item.indicator && d.period === item.period)).toBe(false);
  });

  it('gives each user the action items they own by username or e-mail address, and the next meetings to everyone', async () => {
    const meeting = await send(ctx.gemeente, 'POST', `/api/dvos/${DVO}/meetings`, {
      type: 'kwartaaloverleg',
      date: '2024-10-20',
      period: '2024-Q3',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const id = meeting.json().id as number;
    for (const [owner, deadline] of [
      ['jan@konnected.nl', '2024-10-01'],
      ['konnected', '2024-11-01'],
      ['KonnecteD-team', null],
    ] as const) {
      const item = await send(ctx.gemeente, 'POST', `/api/dvos/${DVO}/meetings/${id}/items`, {
        kind: 'actiepunt',
        text: `Actie van ${owner}`,
        owner,
        deadline,
      });
      expect(item.statusCode, item.body).toBe(201);
    }
    const janTodo = await todo(jan);
    expect(janTodo.actions).toMatchObject([{ text: 'Actie van jan@konnected.nl', overdue: true, meetingId: id }]);
    expect((await todo(ctx.konnected)).actions).toMatchObject([{ owner: 'konnected', overdue: false }]);
    expect((await todo(ctx.gemeente)).actions).toEqual([]);
    for (const who of [ctx.gemeente, ctx.konnected, ctx.lezer]) {
      expect((await todo(who)).meetings).toMatchObject([{ id, date: '2024-10-20', type: 'kwartaaloverleg' }]);
    }
  });
});

describe('/api/todo/mail', () => {
  it('says mail is off on a server without SMTP, and switches one kind off for this user only', async () => {
    const before = await ctx.app.inject({ url: '/api/todo/mail', headers: jan.headers() });
    expect(before.json()).toEqual({
      mailEnabled: false,
      email: 'Jan@KonnecteD.nl',
      kinds: { levering_binnenkort: true, levering_te_laat: true, actie_verlopen: true, overleg_digest: true },
    } satisfies MailSettings);
    const patch = await send(jan, 'PATCH', '/api/todo/mail', { kinds: { levering_te_laat: false } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().kinds.levering_te_laat).toBe(false);
    expect(patch.json().kinds.overleg_digest).toBe(true);
    const other = await ctx.app.inject({ url: '/api/todo/mail', headers: ctx.konnected.headers() });
    expect(other.json().kinds.levering_te_laat).toBe(true);
    const back = await send(jan, 'PATCH', '/api/todo/mail', { kinds: { levering_te_laat: true } });
    expect(back.json().kinds.levering_te_laat).toBe(true);
  });

  it('refuses an unknown kind and a write without the CSRF header', async () => {
    expect((await send(jan, 'PATCH', '/api/todo/mail', { kinds: { spam: false } })).statusCode).toBe(400);
    const noCsrf = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/todo/mail',
      headers: jan.headers(false),
      payload: { kinds: {} },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('the e-mail address in Beheer', () => {
  it("lets the beheerder set, show and remove a user's address, and refuses a non-address", async () => {
    const set = await send(ctx.admin, 'PATCH', '/api/admin/users/lezer', { email: 'lezer@deventer.test' });
    expect(set.statusCode, set.body).toBe(200);
    const list = await ctx.app.inject({ url: '/api/admin/users', headers: ctx.admin.headers() });
    expect(list.json().users.find((u: { username: string }) => u.username === 'lezer').email).toBe(
      'lezer@deventer.test',
    );
    const lezerMail = await ctx.app.inject({ url: '/api/todo/mail', headers: ctx.lezer.headers() });
    expect(lezerMail.json().email).toBe('lezer@deventer.test');
    expect((await send(ctx.admin, 'PATCH', '/api/admin/users/lezer', { email: 'geen adres' })).statusCode).toBe(422);
    expect((await send(ctx.admin, 'PATCH', '/api/admin/users/lezer', { email: '' })).statusCode).toBe(200);
    const after = await ctx.app.inject({ url: '/api/todo/mail', headers: ctx.lezer.headers() });
    expect(after.json().email).toBeNull();
    expect((await send(ctx.gemeente, 'PATCH', '/api/admin/users/lezer', { email: 'x@y.nl' })).statusCode).toBe(403);
  });
});
