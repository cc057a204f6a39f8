import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attemptLogin,
  createTestApp,
  type LoggedIn,
  login,
  TEST_PASSWORD,
  type TestContext,
} from '../../../tests/helpers/test-app.ts';
import { createUser } from '../../core/users/repository.ts';

let ctx: TestContext;
let admin: LoggedIn;
beforeEach(async () => {
  ctx = await createTestApp();
  admin = await login(ctx.app, 'admin');
});
afterEach(async () => {
  await ctx.close();
});

/** Creates a personal API token as `who`, as the Beheer page and the Mijn account page do. */
function createToken(who: LoggedIn, label: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/tokens', headers: who.headers(true), payload: { label } });
}

describe('users on the Beheer page', () => {
  it('adds a user with a password shown once, and that user can log in', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: admin.headers(true),
      payload: { username: 'nieuwe.collega', role: 'lezer', organisation: 'gemeente-deventer' },
    });
    expect(created.statusCode).toBe(201);
    const { password } = created.json();
    expect(password).toMatch(/^\S{16}$/);
    expect((await login(ctx.app, 'nieuwe.collega', password)).csrfToken).toBeTruthy();
    const list = await ctx.app.inject({ url: '/api/admin/users', headers: admin.headers() });
    expect(list.json().users).toContainEqual(
      expect.objectContaining({
        username: 'nieuwe.collega',
        role: 'lezer',
        organisation: 'gemeente-deventer',
        disabled: false,
      }),
    );
  });

  it('disabling a user ends their session at once', async () => {
    const lezer = await login(ctx.app, 'lezer');
    const disable = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/users/lezer',
      headers: admin.headers(true),
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/dvos', headers: lezer.headers() })).statusCode).toBe(401);
    const again = await attemptLogin(ctx.app, 'lezer');
    expect(again.statusCode).toBe(401);
  });

  it('resets a password: the old one stops working and the new one is shown once', async () => {
    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/users/gemeente/password',
      headers: admin.headers(true),
    });
    expect(reset.statusCode).toBe(200);
    const old = await attemptLogin(ctx.app, 'gemeente');
    expect(old.statusCode).toBe(401);
    expect((await login(ctx.app, 'gemeente', reset.json().password)).csrfToken).toBeTruthy();
  });

  it('keeps at least one active beheerder', async () => {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/users/admin',
      headers: admin.headers(true),
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('Er moet minstens één actieve beheerder blijven.');
  });

  it('refuses a role that does not fit the organisation', async () => {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/users/lezer',
      headers: admin.headers(true),
      payload: { role: 'opdrachtnemer' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/hoort bij een werkbedrijf/);
  });
});

describe('audit log', () => {
  it('records every write with who, what, when, before and after, and never a password', async () => {
    await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/users/lezer',
      headers: admin.headers(true),
      payload: { disabled: true },
    });
    await ctx.app.inject({ method: 'POST', url: '/api/admin/users/gemeente/password', headers: admin.headers(true) });
    const audit = await ctx.app.inject({ url: '/api/admin/audit?limit=10', headers: admin.headers() });
    expect(audit.statusCode).toBe(200);
    const [reset, update] = audit.json().entries;
    expect(reset).toMatchObject({
      user: 'admin',
      action: 'user.password_reset',
      entity: 'user',
      before: null,
      after: null,
    });
    expect(update).toMatchObject({
      user: 'admin',
      action: 'user.update',
      before: expect.objectContaining({ disabled: false }),
      after: expect.objectContaining({ disabled: true }),
      at: ctx.clock.now.toISOString(),
    });
    expect(audit.body).not.toMatch(/argon2|correct-horse/);
  });

  it('is for the beheerder only', async () => {
    const gemeente = await login(ctx.app, 'gemeente');
    expect((await ctx.app.inject({ url: '/api/admin/audit', headers: gemeente.headers() })).statusCode).toBe(403);
  });
});

describe('personal API tokens', () => {
  it('deliver figures with a Bearer token and no CSRF header, until revoked', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const created = await createToken(konnected, 'maandlevering Civsam');
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^dvo_/);
    const deliver = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/dvos/deventer-konnected-2024/figures',
        headers: { authorization: `Bearer ${token}` },
        payload: { figures: [{ indicator: 'lks_nieuw', period: '2024-04', value: 3 }] },
      });
    expect((await deliver()).statusCode).toBe(201);
    const stored = ctx.db.$client.prepare('select token_hash from api_tokens where id = ?').get(id) as {
      token_hash: string;
    };
    expect(stored.token_hash).not.toContain(token);
    const revoke = await ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: admin.headers(true) });
    expect(revoke.statusCode).toBe(204);
    const after = await deliver();
    expect(after.statusCode).toBe(401);
    // a refused delivery, so the answer also says that nothing was stored
    expect(after.json().error.message).toBe('Dit API-token is ongeldig of ingetrokken. Er is niets opgeslagen.');
  });

  it('shows when a token was last used, to the minute', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const created = await createToken(konnected, 'maandlevering');
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const lastUsed = async () =>
      (await ctx.app.inject({ url: '/api/tokens', headers: konnected.headers() })).json().tokens[0].lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const start = ctx.clock.now;
    expect((await ctx.app.inject({ url: '/api/dvos', headers: bearer })).statusCode).toBe(200);
    expect(await lastUsed()).toBe(start.toISOString());
    ctx.clock.now = new Date(start.getTime() + 30_000);
    await ctx.app.inject({ url: '/api/dvos', headers: bearer });
    expect(await lastUsed()).toBe(start.toISOString());
    ctx.clock.now = new Date(start.getTime() + 61_000);
    await ctx.app.inject({ url: '/api/dvos', headers: bearer });
    expect(await lastUsed()).toBe(ctx.clock.now.toISOString());
  });

  it('lets a user see only their own tokens, and revoke only their own', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const gemeente = await login(ctx.app, 'gemeente');
    const created = await createToken(konnected, 'x');
    const list = await ctx.app.inject({ url: '/api/tokens', headers: gemeente.headers() });
    expect(list.json().tokens).toEqual([]);
    const revoke = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${created.json().id}`,
      headers: gemeente.headers(true),
    });
    expect(revoke.statusCode).toBe(404);
  });
});

describe('a beheerder of one organisation', () => {
  let deventer: LoggedIn;
  beforeEach(async () => {
    await createUser(
      ctx.db,
      { username: 'deventer-beheer', password: TEST_PASSWORD, role: 'beheerder', organisation: 'gemeente-deventer' },
      ctx.clock.now,
    );
    await createUser(
      ctx.db,
      { username: 'raalte-lezer', password: TEST_PASSWORD, role: 'lezer', organisation: 'gemeente-raalte' },
      ctx.clock.now,
    );
    deventer = await login(ctx.app, 'deventer-beheer');
  });

  const patch = (who: LoggedIn, username: string, payload: object) =>
    ctx.app.inject({ method: 'PATCH', url: `/api/admin/users/${username}`, headers: who.headers(true), payload });

  it('cannot leave its organisation nor change its own role, and keeps seeing only its DVOs', async () => {
    const leave = await patch(deventer, 'deventer-beheer', { organisation: null });
    expect(leave.statusCode).toBe(403);
    expect(leave.json().error.message).toBe('Alleen een andere beheerder kan uw eigen rol of organisatie wijzigen.');
    expect((await patch(deventer, 'deventer-beheer', { organisation: 'gemeente-raalte' })).statusCode).toBe(403);
    expect((await patch(deventer, 'deventer-beheer', { role: 'lezer' })).statusCode).toBe(403);
    const dvos = await ctx.app.inject({ url: '/api/dvos', headers: deventer.headers() });
    expect(dvos.json().dvos.map((dvo: { slug: string }) => dvo.slug)).toEqual(['deventer-konnected-2024']);
  });

  it('lists and manages only the users of its organisation', async () => {
    const list = await ctx.app.inject({ url: '/api/admin/users', headers: deventer.headers() });
    expect(list.json().users.map((u: { username: string }) => u.username)).toEqual([
      'deventer-beheer',
      'gemeente',
      'lezer',
    ]);
    // another organisation's user, and a beheerder of all organisations, do not exist for it
    for (const other of ['raalte-lezer', 'konnected', 'admin']) {
      expect((await patch(deventer, other, { disabled: true })).statusCode, other).toBe(404);
      const reset = await ctx.app.inject({
        method: 'POST',
        url: `/api/admin/users/${other}/password`,
        headers: deventer.headers(true),
      });
      expect(reset.statusCode, other).toBe(404);
    }
    // moving its own user to another organisation would hand that user away
    expect((await patch(deventer, 'lezer', { organisation: 'gemeente-raalte' })).statusCode).toBe(403);
    expect((await patch(deventer, 'lezer', { disabled: true })).statusCode).toBe(200);
  });

  it('creates users in its own organisation only', async () => {
    const create = (organisation: string | null, role = 'lezer') =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: deventer.headers(true),
        payload: { username: `nieuw-${organisation ?? 'geen'}-${role}`, role, organisation },
      });
    expect((await create('gemeente-deventer')).statusCode).toBe(201);
    const elsewhere = await create('gemeente-raalte');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.message).toBe('U beheert alleen gebruikers van uw eigen organisatie.');
    expect((await create(null, 'beheerder')).statusCode).toBe(403);
  });

  it('sees and revokes only the tokens of its organisation', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const gemeente = await login(ctx.app, 'gemeente');
    const token = async (who: LoggedIn) => (await createToken(who, 'levering')).json().id as number;
    const konnectedToken = await token(konnected);
    const gemeenteToken = await token(gemeente);
    const list = await ctx.app.inject({ url: '/api/tokens', headers: deventer.headers() });
    expect(list.json().tokens.map((t: { id: number }) => t.id)).toEqual([gemeenteToken]);
    const revoke = (id: number) =>
      ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: deventer.headers(true) });
    expect((await revoke(konnectedToken)).statusCode).toBe(404);
    expect((await revoke(gemeenteToken)).statusCode).toBe(204);
    // the beheerder of all organisations still sees every token
    const all = await ctx.app.inject({ url: '/api/tokens', headers: admin.headers() });
    expect(all.json().tokens).toHaveLength(2);
  });

  it('reads the audit entries of its own users only', async () => {
    await patch(admin, 'konnected', { disabled: true });
    await patch(admin, 'lezer', { disabled: true });
    await patch(deventer, 'gemeente', { disabled: true });
    const audit = await ctx.app.inject({ url: '/api/admin/audit', headers: deventer.headers() });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().entries as { user: string; entityId: string }[];
    const idOf = (username: string) =>
      String((ctx.db.$client.prepare('select id from users where username = ?').get(username) as { id: number }).id);
    // its own change, and the global beheerder's change of one of its users; not konnected's
    expect(entries.map((e) => [e.user, e.entityId])).toEqual([
      ['deventer-beheer', idOf('gemeente')],
      ['admin', idOf('lezer')],
    ]);
  });
});

describe('password resets and tokens', () => {
  it('a password reset revokes the user’s API tokens', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const created = await createToken(konnected, 'levering');
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await ctx.app.inject({ url: '/api/dvos', headers: bearer })).statusCode).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/admin/users/konnected/password', headers: admin.headers(true) });
    const after = await ctx.app.inject({ url: '/api/dvos', headers: bearer });
    expect(after.statusCode).toBe(401);
    const tokens = await ctx.app.inject({ url: '/api/tokens', headers: admin.headers() });
    expect(tokens.json().tokens[0].revokedAt).toBe(ctx.clock.now.toISOString());
  });

  it('a token cannot create another token', async () => {
    const konnected = await login(ctx.app, 'konnected');
    const created = await createToken(konnected, 'levering');
    const minted = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { authorization: `Bearer ${created.json().token}` },
      payload: { label: 'nog een' },
    });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error).toEqual({
      code: 'forbidden',
      message: 'Een API-token kan geen nieuwe tokens maken. Log in om een token aan te maken.',
    });
  });
});
