import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviationRow, DeviationsResponse, DeviationThread } from '../../../shared/contracts/deviations.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let admin: LoggedIn;
let gemeente: LoggedIn;
let konnected: LoggedIn;
let lezer: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ demo: true });
  admin = await login(ctx.app, 'admin');
  gemeente = await login(ctx.app, 'gemeente');
  konnected = await login(ctx.app, 'konnected');
  lezer = await login(ctx.app, 'lezer');
});
afterAll(async () => {
  await ctx.close();
});

/** Moves the test clock on by a minute, so every write has its own moment. */
function tick(): string {
  ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
  return ctx.clock.now.toISOString();
}

async function list(period: string, who: LoggedIn = gemeente, extra = ''): Promise<DeviationsResponse> {
  const response = await ctx.app.inject({
    url: `/api/dvos/${DVO}/deviations?period=${period}${extra}`,
    headers: who.headers(),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function rowOf(body: DeviationsResponse, indicator: string, segment: string | null = null): DeviationRow {
  const found = body.rows.find((r) => r.indicator === indicator && r.segment === segment);
  if (!found) throw new Error(`no row ${indicator}/${segment}`);
  return found;
}

async function write(
  who: LoggedIn,
  id: number,
  what: 'toelichting' | 'maatregel' | 'transitions',
  payload: Record<string, unknown>,
  csrf = true,
) {
  tick();
  return ctx.app.inject({
    method: what === 'transitions' ? 'POST' : 'PUT',
    url: `/api/dvos/${DVO}/deviations/${id}/${what}`,
    headers: who.headers(csrf),
    payload,
  });
}

async function thread(id: number, who: LoggedIn = gemeente): Promise<DeviationThread> {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}/deviations/${id}`, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const maatregel = { text: 'Twee extra jobhunters tot de zomer', owner: 'teamleider Matchen', deadline: '2024-12-01' };

describe('the deviation list of a month', () => {
  it('gives every deviating row a thread, once, with the months it was seen and a summary', async () => {
    const june = await list('2024-06');
    expect(june.rows.length).toBeGreaterThan(10);
    for (const row of june.rows) {
      expect(row.deviationId).toEqual(expect.any(Number));
      expect(row).toMatchObject({ state: 'open', toelichting: null, maatregel: null, lastPeriod: '2024-06' });
      expect((row.firstPeriod as string) <= '2024-06').toBe(true);
    }
    // deviating since January in the demo data
    expect(rowOf(june, 'uitstroom').firstPeriod).toBe('2024-01');
    expect(rowOf(june, 'duale_trajecten').firstPeriod).toBe('2024-06');
    const again = await list('2024-Q2');
    expect(again.rows.map((r) => r.deviationId)).toEqual(june.rows.map((r) => r.deviationId));
    expect(june.summary).toEqual({
      off_track: june.rows.filter((r) => r.status === 'off_track').length,
      attention: june.rows.filter((r) => r.status === 'attention').length,
      no_data: 1,
    });
    const order = june.rows.map((r) => ['off_track', 'attention', 'no_data'].indexOf(r.status));
    expect(order).toEqual([...order].sort());
  });

  it('lists a thread whose agreement is back on track as recovered, ready to be closed', async () => {
    const may = await list('2024-05');
    const werkleerroute = rowOf(may, 'werkleerroute_instroom');
    const june = await list('2024-06');
    expect(june.rows.some((r) => r.indicator === 'werkleerroute_instroom')).toBe(false);
    expect(june.recovered).toContainEqual(
      expect.objectContaining({
        deviationId: werkleerroute.deviationId,
        indicator: 'werkleerroute_instroom',
        status: 'on_track',
        state: 'open',
      }),
    );
  });

  it('answers 400 for a period outside the DVO year and 404 for a DVO of another organisation', async () => {
    const outside = await ctx.app.inject({
      url: `/api/dvos/${DVO}/deviations?period=2023-Q4`,
      headers: gemeente.headers(),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toBe('Periode 2023-Q4 valt buiten het DVO-jaar 2024.');
    const other = await ctx.app.inject({
      url: '/api/dvos/raalte-werkbedrijf-2025/deviations?period=2025-03',
      headers: konnected.headers(),
    });
    expect(other.statusCode).toBe(404);
    const thread = await ctx.app.inject({
      url: '/api/dvos/raalte-werkbedrijf-2025/deviations/1',
      headers: admin.headers(),
    });
    expect(thread.statusCode).toBe(404);
  });
});

describe('toelichting, maatregel and state: who may do what', () => {
  it('takes a deviation through the workflow, refusing every step out of turn', async () => {
    const id = rowOf(await list('2024-06'), 'lks_nieuw').deviationId as number;

    // nobody but the opdrachtnemer (or beheerder) explains; the lezer writes nothing
    expect((await write(gemeente, id, 'toelichting', { text: 'Gemeente legt uit' })).statusCode).toBe(403);
    expect((await write(lezer, id, 'toelichting', { text: 'x' })).statusCode).toBe(403);
    expect((await write(lezer, id, 'maatregel', maatregel)).statusCode).toBe(403);
    expect((await write(lezer, id, 'transitions', { to: 'besproken' })).statusCode).toBe(403);
    // the opdrachtnemer does not move the state
    expect((await write(konnected, id, 'transitions', { to: 'besproken' })).statusCode).toBe(403);
    // no discussion before the opdrachtnemer explained
    const early = await write(gemeente, id, 'transitions', { to: 'besproken' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('Eerst geeft de opdrachtnemer een toelichting op deze afwijking.');
    // a cookie write without the CSRF header changes nothing
    expect((await write(konnected, id, 'toelichting', { text: 'zonder csrf' }, false)).statusCode).toBe(403);
    expect((await thread(id)).state).toBe('open');

    const empty = await write(konnected, id, 'toelichting', { text: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.message).toBe('De toelichting is leeg.');
    const explained = await write(konnected, id, 'toelichting', { text: 'Werkgevers wachten de subsidieregeling af.' });
    expect(explained.statusCode, explained.body).toBe(200);
    expect(explained.json()).toMatchObject({
      state: 'toegelicht',
      toelichting: 'Werkgevers wachten de subsidieregeling af.',
    });

    const noMeasure = await write(gemeente, id, 'transitions', { to: 'maatregel_afgesproken' });
    expect(noMeasure.statusCode).toBe(422);
    expect(noMeasure.json().error.message).toBe('Leg eerst de maatregel vast (omschrijving, eigenaar en deadline).');
    const noOwner = await write(konnected, id, 'maatregel', { text: 'Iets doen' });
    expect(noOwner.statusCode).toBe(422);
    expect(noOwner.json().error.message).toBe('Een maatregel heeft een omschrijving, een eigenaar en een deadline.');
    const proposed = await write(konnected, id, 'maatregel', maatregel);
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json()).toMatchObject({ state: 'toegelicht', maatregel });
    expect(proposed.json().allowedTransitions).toEqual([]);
    expect((await thread(id, gemeente)).allowedTransitions).toEqual([
      'maatregel_afgesproken',
      'besproken',
      'geescaleerd',
      'afgesloten',
    ]);

    expect((await write(gemeente, id, 'transitions', { to: 'maatregel_afgesproken' })).json().state).toBe(
      'maatregel_afgesproken',
    );
    const changeAfterAgreement = await write(konnected, id, 'maatregel', { ...maatregel, owner: 'iemand anders' });
    expect(changeAfterAgreement.statusCode).toBe(409);
    expect(changeAfterAgreement.json().error.message).toBe(
      'De maatregel is al maatregel afgesproken; een wijziging legt de opdrachtgever vast.',
    );
    expect(
      (await write(gemeente, id, 'transitions', { to: 'geescaleerd', note: 'naar het bestuurlijk overleg' })).json(),
    ).toMatchObject({ state: 'geescaleerd' });
    expect((await write(gemeente, id, 'transitions', { to: 'afgesloten' })).json().state).toBe('afgesloten');

    const closed = await write(konnected, id, 'toelichting', { text: 'nog iets' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe(
      'Deze afwijking is afgesloten; de toelichting kan niet meer worden gewijzigd.',
    );
    expect((await write(gemeente, id, 'transitions', { to: 'besproken' })).statusCode).toBe(409);
    expect((await write(gemeente, id, 'transitions', { to: 'verdwenen' })).statusCode).toBe(400);

    // every change in the history: who, what, when
    const history = (await thread(id, lezer)).history;
    expect(history.map((e) => [e.type, e.by, e.toState])).toEqual([
      ['geopend', null, 'open'],
      ['toelichting', 'konnected', 'toegelicht'],
      ['maatregel', 'konnected', 'toegelicht'],
      ['status', 'gemeente', 'maatregel_afgesproken'],
      ['status', 'gemeente', 'geescaleerd'],
      ['status', 'gemeente', 'afgesloten'],
    ]);
    expect(history[4]).toMatchObject({ fromState: 'maatregel_afgesproken', note: 'naar het bestuurlijk overleg' });
    expect(new Set(history.map((e) => e.at)).size).toBe(history.length);
  });

  it('lets a beheerder do everything, and asks a reason to close what was not discussed', async () => {
    const id = rowOf(await list('2024-06'), 'beschut_extern').deviationId as number;
    expect(
      (await write(admin, id, 'toelichting', { text: 'Plaatsingen bij Circulus lopen vertraging op.' })).statusCode,
    ).toBe(200);
    expect((await write(admin, id, 'maatregel', maatregel)).statusCode).toBe(200);
    const noReason = await write(admin, id, 'transitions', { to: 'afgesloten' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toBe(
      'Geef een reden om de afwijking af te sluiten zonder dat ze besproken is.',
    );
    expect((await write(admin, id, 'transitions', { to: 'besproken' })).json().state).toBe('besproken');
    // the opdrachtgever adjusts the measure after it was discussed
    const adjusted = await write(gemeente, id, 'maatregel', { ...maatregel, deadline: '2025-01-15' });
    expect(adjusted.json()).toMatchObject({ state: 'besproken', maatregel: { deadline: '2025-01-15' } });
  });
});

describe('a deviation that persists is carried on; after closing it is a new one', () => {
  it('keeps the thread of uitstroom across months until it is closed', async () => {
    const june = rowOf(await list('2024-06'), 'uitstroom');
    const id = june.deviationId as number;
    await write(konnected, id, 'toelichting', { text: 'Minder vacatures in de zorg.' });

    const july = rowOf(await list('2024-07'), 'uitstroom');
    expect(july).toMatchObject({
      deviationId: id,
      state: 'toegelicht',
      toelichting: 'Minder vacatures in de zorg.',
      firstPeriod: '2024-01',
      lastPeriod: '2024-07',
    });
    await write(gemeente, id, 'transitions', { to: 'besproken' });
    await write(gemeente, id, 'transitions', { to: 'afgesloten' });

    const august = rowOf(await list('2024-08'), 'uitstroom');
    expect(august.deviationId).not.toBe(id);
    expect(august).toMatchObject({ state: 'open', toelichting: null, firstPeriod: '2024-08', lastPeriod: '2024-08' });
    // the closed thread still answers for the months it covered
    expect(rowOf(await list('2024-06'), 'uitstroom')).toMatchObject({ deviationId: id, state: 'afgesloten' });
    expect((await thread(id)).history.map((e) => e.type)).toEqual([
      'geopend',
      'toelichting',
      'gezien',
      'status',
      'status',
    ]);
  });

  it('shows the thread as it stood at asOf, and its history with history=true', async () => {
    const id = rowOf(await list('2024-06'), 'matchen_pva_6wk').deviationId as number;
    await write(konnected, id, 'toelichting', { text: 'Eerste versie' });
    const between = tick();
    await write(konnected, id, 'toelichting', { text: 'Tweede versie' });
    const then = rowOf(
      await list('2024-06', gemeente, `&asOf=${encodeURIComponent(between)}&history=true`),
      'matchen_pva_6wk',
    );
    expect(then).toMatchObject({ deviationId: id, toelichting: 'Eerste versie', state: 'toegelicht' });
    // the second toelichting came after asOf ('gezien': carried on to later months by other lists)
    expect(then.history?.filter((e) => e.type !== 'gezien').map((e) => e.type)).toEqual(['geopend', 'toelichting']);
    expect(then.history?.at(-1)).toMatchObject({ by: 'konnected', toelichting: 'Eerste versie' });
    expect(rowOf(await list('2024-06'), 'matchen_pva_6wk').toelichting).toBe('Tweede versie');
    expect(rowOf(await list('2024-06'), 'matchen_pva_6wk').history).toBeUndefined();
  });
});

describe('threads and the cached evaluations', () => {
  it('keeps the DVO evaluations cached when a list opens threads or a thread is written', async () => {
    const version = () =>
      ctx.db.$client.prepare('select data_version from dvos where slug = ?').pluck().get(DVO) as number;
    const before = version();
    const body = await list('2024-08');
    const row = body.rows.find((r) => r.deviationId !== null);
    if (!row?.deviationId) throw new Error('no thread');
    expect((await write(konnected, row.deviationId, 'toelichting', { text: 'Cache-proef.' })).statusCode).toBe(200);
    // threads do not change what an agreement realised against its norm
    expect(version()).toBe(before);
  });
});
