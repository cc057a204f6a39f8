import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeviationsResponse,
  DeviationThread,
  Meeting,
  MeetingDetail,
  MeetingItem,
} from '../../../shared/contracts/deviations.ts';
import type { ActivateResponse } from '../../../shared/contracts/dvos.ts';
import type { TeDoenResponse } from '../../../shared/contracts/te-doen.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';

// Decision 0025: at activation, last year's open deviation threads and action items are carried
// into the new DVO when asked ({ carryOpen: true }), against the demo year 2024 as a user left it.

const FROM = 'deventer-konnected-2024';
let ctx: TestContext;
let admin: LoggedIn;
let gemeente: LoggedIn;
let konnected: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ demo: true });
  admin = await login(ctx.app, 'admin');
  gemeente = await login(ctx.app, 'gemeente');
  konnected = await login(ctx.app, 'konnected');
});
afterAll(async () => {
  await ctx.close();
});

async function send(method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown, who: LoggedIn = admin) {
  return ctx.app.inject({ method, url, headers: who.headers(true), payload: payload as object });
}

async function get<T>(url: string, who: LoggedIn = admin): Promise<T> {
  const response = await ctx.app.inject({ url, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

const newYear = (slug: string) => ({
  slug,
  name: `DVO 2025 ${slug}`,
  year: 2025,
  opdrachtgever: 'gemeente-deventer',
  opdrachtnemer: 'konnected',
  from: FROM,
});

interface Year2024 {
  carried: DeviationThread;
  closed: DeviationThread;
  unmatched: DeviationThread;
  spareCode: string;
  general: MeetingItem;
  ofUnmatched: MeetingItem;
  done: MeetingItem;
  meeting: Meeting;
}
let year: Year2024;

describe('carrying open work into next year’s DVO', () => {
  it('sets up a year 2024 with open, closed and explained threads and open and done action items', async () => {
    const list = await get<DeviationsResponse>(`/api/dvos/${FROM}/deviations?period=2024-09`);
    const withThread = list.rows.filter((r) => r.deviationId !== null && r.segment === null);
    expect(withThread.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = withThread as [(typeof withThread)[0], (typeof withThread)[0], (typeof withThread)[0]];
    const thread = (id: number | null) => `/api/dvos/${FROM}/deviations/${id}`;
    expect(
      (await send('PUT', `${thread(a.deviationId)}/toelichting`, { text: 'Minder vacatures.' }, konnected)).statusCode,
    ).toBe(200);
    const maatregel = await send(
      'PUT',
      `${thread(a.deviationId)}/maatregel`,
      { text: 'Extra accountmanager', owner: 'gemeente', deadline: '2025-03-01' },
      gemeente,
    );
    expect(maatregel.statusCode, maatregel.body).toBe(200);
    const close = await send(
      'POST',
      `${thread(b.deviationId)}/transitions`,
      { to: 'afgesloten', note: 'Opgelost.' },
      gemeente,
    );
    expect(close.statusCode, close.body).toBe(200);
    const open = await send(
      'POST',
      `/api/dvos/${FROM}/meetings`,
      { type: 'kwartaaloverleg', date: '2024-10-15', period: '2024-Q3' },
      gemeente,
    );
    expect(open.statusCode, open.body).toBe(201);
    const meeting = open.json() as Meeting;
    const item = async (body: Record<string, unknown>) => {
      const r = await send('POST', `/api/dvos/${FROM}/meetings/${meeting.id}/items`, body, gemeente);
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as MeetingItem;
    };
    const general = await item({ kind: 'actiepunt', text: 'Werkgeversdag organiseren', owner: 'konnected' });
    const ofUnmatched = await item({ kind: 'actiepunt', text: 'Cijfers nagaan', deviationId: c.deviationId });
    const done = await item({ kind: 'actiepunt', text: 'Al gedaan' });
    await item({ kind: 'besluit', text: 'Besloten' });
    expect(
      (await send('PATCH', `/api/dvos/${FROM}/meeting-items/${done.id}`, { state: 'done' }, gemeente)).statusCode,
    ).toBe(200);
    const catalogue = await get<{ indicators: { code: string }[] }>(`/api/dvos/${FROM}/indicators`);
    const threadCodes = new Set(list.rows.map((r) => r.indicator));
    const spare = catalogue.indicators.find((i) => !threadCodes.has(i.code));
    expect(spare).toBeDefined();
    year = {
      carried: await get<DeviationThread>(thread(a.deviationId)),
      closed: await get<DeviationThread>(thread(b.deviationId)),
      unmatched: await get<DeviationThread>(thread(c.deviationId)),
      spareCode: spare?.code as string,
      general,
      ofUnmatched,
      done,
      meeting,
    };
  });

  it('activates without the flag as before: nothing carried, no `carried` in the answer', async () => {
    expect((await send('POST', '/api/dvos', newYear('zonder-2025'))).statusCode).toBe(201);
    // as the screen sends it without the checkbox: no body at all
    const activated = await ctx.app.inject({
      method: 'POST',
      url: '/api/dvos/zonder-2025/activate',
      headers: admin.headers(true),
    });
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json().state).toBe('active');
    expect(activated.json().carried).toBeUndefined();
    const items = await get<{ meetings: Meeting[] }>('/api/dvos/zonder-2025/meetings');
    expect(items.meetings).toEqual([]);
    const todo = await get<TeDoenResponse>('/api/todo', gemeente);
    expect(todo.deviations.filter((d) => d.dvo.slug === 'zonder-2025')).toEqual([]);
  });

  it('carries open threads and action items with the flag, lists the unmatched, leaves the closed', async () => {
    expect((await send('POST', '/api/dvos', newYear('met-2025'))).statusCode).toBe(201);
    // the unmatched agreement's code now names another one of last year: no match left for it
    const repoint = await send('PUT', `/api/dvos/met-2025/indicators/${year.unmatched.indicator}/previous`, {
      previous: { dvo: FROM, code: year.spareCode },
    });
    expect(repoint.statusCode, repoint.body).toBe(200);

    const activated = await send('POST', '/api/dvos/met-2025/activate', { carryOpen: true });
    expect(activated.statusCode, activated.body).toBe(200);
    const answer = activated.json() as ActivateResponse;
    expect(answer.state).toBe('active');
    const carried = answer.carried;
    if (!carried) throw new Error('no carried');
    expect(carried.from).toEqual({ slug: FROM, name: expect.any(String), year: 2024 });
    const fromIds = carried.deviations.map((d) => d.from);
    expect(fromIds).toContain(year.carried.id);
    expect(fromIds).not.toContain(year.closed.id);
    expect(fromIds).not.toContain(year.unmatched.id);
    expect(carried.notCarried).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'afwijking', id: year.unmatched.id, code: year.unmatched.indicator }),
        expect.objectContaining({ kind: 'actiepunt', id: year.ofUnmatched.id }),
      ]),
    );
    for (const n of carried.notCarried) expect(n.reason).toMatch(/met-2025|overeenkomende|segment|loopt/);
    expect(carried.actions.map((a) => a.from)).toEqual([year.general.id]);

    // the copy: same content, pointing at its origin, with a history summary
    const copyId = carried.deviations.find((d) => d.from === year.carried.id)?.id as number;
    const copy = await get<DeviationThread>(`/api/dvos/met-2025/deviations/${copyId}`);
    expect(copy).toMatchObject({
      indicator: year.carried.indicator,
      state: year.carried.state,
      toelichting: 'Minder vacatures.',
      maatregel: { text: 'Extra accountmanager', owner: 'gemeente', deadline: '2025-03-01' },
      firstPeriod: year.carried.firstPeriod,
      carriedFrom: { id: year.carried.id, dvo: FROM, year: 2024 },
    });
    expect(copy.history[0]?.note).toMatch(/^Meegenomen uit .*afwijking \d+.*gebeurtenissen/);

    // the origin: unchanged, read-only, pointing at its copy
    const origin = await get<DeviationThread>(`/api/dvos/${FROM}/deviations/${year.carried.id}`);
    const { carriedTo, allowedTransitions, canWriteMaatregel, canWriteToelichting, ...rest } = origin;
    const { allowedTransitions: _t, canWriteMaatregel: _m, canWriteToelichting: _w, ...before } = year.carried;
    expect(rest).toEqual(before);
    expect(carriedTo).toEqual({ id: copyId, dvo: 'met-2025', dvoName: 'DVO 2025 met-2025', year: 2025 });
    expect([allowedTransitions, canWriteMaatregel, canWriteToelichting]).toEqual([[], false, false]);
    const write = await send(
      'PUT',
      `/api/dvos/${FROM}/deviations/${year.carried.id}/toelichting`,
      { text: 'x' },
      konnected,
    );
    expect(write.statusCode).toBe(409);
    expect(write.json().error.message).toMatch(/meegenomen naar DVO 2025 met-2025/);
    const unmatched = await get<DeviationThread>(`/api/dvos/${FROM}/deviations/${year.unmatched.id}`);
    expect(unmatched.carriedTo).toBeUndefined();

    // the carried action item shows in the new year's meetings and in Te doen of its owner
    const opened = await send(
      'POST',
      '/api/dvos/met-2025/meetings',
      { type: 'voortgangsbespreking', date: '2025-01-20', period: '2025-01' },
      gemeente,
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const detail = await get<MeetingDetail>(`/api/dvos/met-2025/meetings/${opened.json().id}`);
    const carriedItem = detail.items.find((i) => i.text === 'Werkgeversdag organiseren');
    expect(carriedItem).toMatchObject({
      state: 'open',
      carried: true,
      meetingDate: '2024-10-15',
      carriedFrom: { id: year.general.id, dvo: FROM },
    });
    expect(detail.items.map((i) => i.text)).not.toContain('Al gedaan');
    const todo = await get<TeDoenResponse>('/api/todo', konnected);
    const actions = todo.actions.filter((a) => a.text === 'Werkgeversdag organiseren');
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ dvo: { slug: 'met-2025' }, carriedFrom: { dvo: FROM } });
    const originItem = await send(
      'PATCH',
      `/api/dvos/${FROM}/meeting-items/${year.general.id}`,
      { state: 'done' },
      gemeente,
    );
    expect(originItem.statusCode).toBe(409);

    // the new year's deviation list shows the carried thread (as a row or recovered) with its origin
    const list = await get<DeviationsResponse>('/api/dvos/met-2025/deviations?period=2025-01');
    const shown = [...list.rows, ...list.recovered].find((r) => r.deviationId === copyId);
    expect(shown?.carriedFrom).toMatchObject({ id: year.carried.id, dvo: FROM });
  });

  it('cannot carry twice: a second activation is a 409 and adds no copies', async () => {
    const again = await send('POST', '/api/dvos/met-2025/activate', { carryOpen: true });
    expect(again.statusCode).toBe(409);
    const todo = await get<TeDoenResponse>('/api/todo', konnected);
    expect(todo.actions.filter((a) => a.text === 'Werkgeversdag organiseren')).toHaveLength(1);
  });

  it('refuses a malformed body with 400, activating nothing', async () => {
    expect((await send('POST', '/api/dvos', newYear('fout-2025'))).statusCode).toBe(201);
    const malformed = await send('POST', '/api/dvos/fout-2025/activate', { carryOpen: 'ja' });
    expect(malformed.statusCode).toBe(400);
    const dvos = await get<{ dvos: { slug: string; state: string }[] }>('/api/dvos');
    expect(dvos.dvos.find((d) => d.slug === 'fout-2025')?.state).toBe('draft');
  });
});
