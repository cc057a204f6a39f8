import { describe, expect, it } from 'vitest';
import type { AssessmentHistory } from '../../../shared/contracts/assessments.ts';
import type { StatusResponse, StatusRow } from '../../../shared/contracts/status.ts';
import { type LoggedIn, setupTestApp } from '../../../tests/helpers/test-app.ts';

// Hand-set statuses through the API, as the Indicator form sends them (decision 0017). The clock
// stands at 15 October 2024; the DVO has its catalogue and no figures.

const DVO = 'deventer-konnected-2024';
const ctx = setupTestApp({ now: new Date('2024-10-15T09:00:00.000Z') });

function put(who: LoggedIn, code: string, period: string, payload: object) {
  return ctx.app.inject({
    method: 'PUT',
    url: `/api/dvos/${DVO}/assessments/${code}/${period}`,
    headers: who.headers(true),
    payload,
  });
}

async function history(code: string): Promise<AssessmentHistory> {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}/assessments/${code}`, headers: ctx.lezer.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function row(code: string, month: string): Promise<StatusRow> {
  const response = await ctx.app.inject({
    url: `/api/dvos/${DVO}/status?period=${month}`,
    headers: ctx.lezer.headers(),
  });
  expect(response.statusCode, response.body).toBe(200);
  const found = (response.json() as StatusResponse).rows.find((r) => r.indicator === code);
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

async function lock(period: string) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/dvos/${DVO}/periods/${period}/lock`,
    headers: ctx.gemeente.headers(true),
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('the quarterly status of a qualitative agreement', () => {
  it('is set by the opdrachtnemer with its narrative and then judges the agreement', async () => {
    expect((await row('kwal_kto', '2024-09')).status).toBe('no_data');
    const response = await put(ctx.konnected, 'kwal_kto', '2024-Q3', {
      status: 'attention',
      narrative: '  KTO 2.0 uitgesteld tot november.  ',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'attention', narrative: 'KTO 2.0 uitgesteld tot november.' });
    const september = await row('kwal_kto', '2024-09');
    expect(september.status).toBe('attention');
    expect(september.narrative).toBe('KTO 2.0 uitgesteld tot november.');
  });

  it('can be set again by the opdrachtgever; the history keeps both, newest first, with who and for which party', async () => {
    ctx.clock.now = new Date('2024-10-15T09:05:00.000Z');
    const response = await put(ctx.gemeente, 'kwal_kto', '2024-Q3', {
      status: 'off_track',
      narrative: 'Besproken in het kwartaaloverleg: geen KTO in 2024.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await row('kwal_kto', '2024-09')).status).toBe('off_track');
    const { entries } = await history('kwal_kto');
    expect(entries.map((e) => [e.recordedBy, e.role, e.status, e.current])).toEqual([
      ['gemeente', 'opdrachtgever', 'off_track', true],
      ['konnected', 'opdrachtnemer', 'attention', false],
    ]);
    expect(entries[0]?.organisation).toMatch(/Deventer/);
    expect(entries[1]?.narrative).toBe('KTO 2.0 uitgesteld tot november.');
  });

  it('refuses a status without narrative, or a narrative without status, naming the field, and stores nothing', async () => {
    const before = (await history('kwal_stakeholders')).entries.length;
    const noNarrative = await put(ctx.konnected, 'kwal_stakeholders', '2024-Q3', {
      status: 'on_track',
      narrative: '   ',
    });
    expect(noNarrative.statusCode).toBe(422);
    expect(noNarrative.json().error.details).toEqual([
      { column: 'narrative', message: expect.stringMatching(/toelichting/) },
    ]);
    const noStatus = await put(ctx.konnected, 'kwal_stakeholders', '2024-Q3', { narrative: 'Alles loopt.' });
    expect(noStatus.statusCode).toBe(422);
    expect(noStatus.json().error.message).toMatch(/Kies een status/);
    expect((await history('kwal_stakeholders')).entries).toHaveLength(before);
  });

  it('refuses a quarter outside the DVO year or of the wrong type, an unknown agreement and a measured one', async () => {
    const body = { status: 'on_track', narrative: 'x' };
    expect((await put(ctx.konnected, 'kwal_kto', '2025-Q1', body)).statusCode).toBe(422);
    expect((await put(ctx.konnected, 'kwal_kto', '2024-07', body)).statusCode).toBe(422);
    expect((await put(ctx.konnected, 'bestaat_niet', '2024-Q3', body)).statusCode).toBe(404);
    const measured = await put(ctx.konnected, 'uitstroom', '2024-Q3', body);
    expect(measured.statusCode).toBe(422);
    expect(measured.json().error.message).toMatch(/lever daarvoor cijfers aan/);
    const bad = await put(ctx.konnected, 'kwal_kto', '2024-Q3', { status: 'prima', narrative: 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('is refused with 409 once the quarter’s last month is vastgesteld, until it is reopened', async () => {
    await lock('2024-06');
    const refused = await put(ctx.konnected, 'kwal_arbeidsmarktregio', '2024-Q2', {
      status: 'on_track',
      narrative: 'Op schema.',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'Juni 2024 is vastgesteld, dus de stand van 2e kwartaal 2024 kan niet meer worden gewijzigd. Vraag de opdrachtgever die periode eerst te heropenen.',
    );
    expect((await history('kwal_arbeidsmarktregio')).entries).toEqual([]);
    // a month inside the quarter that is not its last does not freeze the quarter
    await lock('2024-07');
    const q3 = await put(ctx.konnected, 'kwal_arbeidsmarktregio', '2024-Q3', {
      status: 'on_track',
      narrative: 'Op schema.',
    });
    expect(q3.statusCode, q3.body).toBe(200);
  });

  it('may not be set by a lezer', async () => {
    const response = await put(ctx.lezer, 'kwal_kto', '2024-Q3', { status: 'on_track', narrative: 'x' });
    expect(response.statusCode).toBe(403);
  });
});

describe('the done-on date of a milestone', () => {
  it('is set with a note and turns the milestone on track when done before the deadline', async () => {
    expect((await row('mijlpaal_pva_format', '2024-09')).status).toBe('off_track');
    const response = await put(ctx.konnected, 'mijlpaal_pva_format', '2024', {
      completedOn: '2024-03-20',
      narrative: 'Nieuw PvA-format in gebruik.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const september = await row('mijlpaal_pva_format', '2024-09');
    expect(september).toMatchObject({
      status: 'on_track',
      completedOn: '2024-03-20',
      narrative: 'Nieuw PvA-format in gebruik.',
    });
    const [entry] = (await history('mijlpaal_pva_format')).entries;
    expect(entry).toMatchObject({ period: '2024', completedOn: '2024-03-20', recordedBy: 'konnected', current: true });
  });

  it('refuses a date in the future, a status, and an empty setting', async () => {
    const future = await put(ctx.konnected, 'mijlpaal_analyse_werkleerroute', '2024', { completedOn: '2024-10-16' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.message).toMatch(/16 oktober 2024 ligt in de toekomst/);
    const status = await put(ctx.konnected, 'mijlpaal_analyse_werkleerroute', '2024', { status: 'on_track' });
    expect(status.statusCode).toBe(422);
    expect(status.json().error.details).toEqual([
      { column: 'status', message: expect.any(String) },
      { column: 'completedOn', message: expect.any(String) },
    ]);
    expect((await history('mijlpaal_analyse_werkleerroute')).entries).toEqual([]);
  });

  it('refuses a done-on date in a vastgestelde month (409), and accepts one after it', async () => {
    await lock('2024-05');
    const refused = await put(ctx.gemeente, 'mijlpaal_analyse_werkleerroute', '2024', { completedOn: '2024-05-20' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(
      /^De datum 20 mei 2024 valt in mei 2024, en die periode is vastgesteld/,
    );
    const late = await put(ctx.gemeente, 'mijlpaal_analyse_werkleerroute', '2024', {
      completedOn: '2024-08-02',
      narrative: '',
    });
    expect(late.statusCode, late.body).toBe(200);
    expect((await row('mijlpaal_analyse_werkleerroute', '2024-09')).status).toBe('off_track');
  });
});
