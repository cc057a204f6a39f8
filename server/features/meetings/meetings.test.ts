import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeviationsResponse,
  Meeting,
  MeetingDetail,
  MeetingDeviationsResponse,
} from '../../../shared/contracts/deviations.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';

// One story, in order: a kwartaaloverleg is opened and frozen, figures are corrected afterwards
// (also after vaststelling), action items carry on to the next meetings until done. The clock moves
// within the hour (sessions stay alive); the meetings' dates are their own field.

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let gemeente: LoggedIn;
let konnected: LoggedIn;
let lezer: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ demo: true });
  gemeente = await login(ctx.app, 'gemeente');
  konnected = await login(ctx.app, 'konnected');
  lezer = await login(ctx.app, 'lezer');
});
afterAll(async () => {
  await ctx.close();
});

function at(iso: string): void {
  ctx.clock.now = new Date(iso);
}

async function get<T>(url: string, who: LoggedIn = gemeente): Promise<T> {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}${url}`, headers: who.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function send(who: LoggedIn, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown) {
  return ctx.app.inject({
    method,
    url: `/api/dvos/${DVO}${url}`,
    headers: who.headers(true),
    payload: payload as object,
  });
}

async function openMeeting(payload: Record<string, unknown>): Promise<Meeting> {
  const response = await send(gemeente, 'POST', '/meetings', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function currentValue(indicator: string, period: string): Promise<number> {
  const body = await get<{ figures: { revisions: { value: number }[] }[] }>(
    `/figures?indicator=${indicator}&from=${period}&to=${period}`,
    konnected,
  );
  return body.figures[0]?.revisions[0]?.value as number;
}

async function deliver(indicator: string, period: string, value: number, comment: string) {
  return send(konnected, 'POST', '/figures', { figures: [{ indicator, period, value, comment }] });
}

const row = (list: DeviationsResponse, indicator: string) => {
  const found = list.rows.find((r) => r.indicator === indicator && r.segment === null);
  if (!found) throw new Error(`no row ${indicator}`);
  return found;
};

let kwartaaloverleg: Meeting;
let voortgang: Meeting;
let actionId: number;
let decisionId: number;

describe('a meeting keeps what was discussed', () => {
  it('is opened by the gemeente only, and freezes its deviation list at the moment it was opened', async () => {
    const attempt = await send(konnected, 'POST', '/meetings', {
      type: 'kwartaaloverleg',
      date: '2024-10-15',
      period: '2024-Q3',
    });
    expect(attempt.statusCode).toBe(403);
    expect(
      (await send(lezer, 'POST', '/meetings', { type: 'kwartaaloverleg', date: '2024-10-15', period: '2024-Q3' }))
        .statusCode,
    ).toBe(403);
    const outside = await send(gemeente, 'POST', '/meetings', {
      type: 'kwartaaloverleg',
      date: '2024-10-15',
      period: '2025-Q1',
    });
    expect(outside.statusCode).toBe(400);

    kwartaaloverleg = await openMeeting({
      type: 'kwartaaloverleg',
      date: '2024-10-15',
      period: '2024-Q3',
      attendees: ['beleidsadviseur programma 7', 'manager KonnecteD'],
    });
    expect(kwartaaloverleg).toMatchObject({
      type: 'kwartaaloverleg',
      period: '2024-Q3',
      evaluatedMonth: '2024-09',
      asOf: '2024-10-15T09:00:00.000Z',
      createdBy: 'gemeente',
    });
    const discussed = await get<MeetingDeviationsResponse>(`/meetings/${kwartaaloverleg.id}/deviations`);
    const csvBefore = (
      await ctx.app.inject({
        url: `/api/dvos/${DVO}/meetings/${kwartaaloverleg.id}/deviations?format=csv`,
        headers: lezer.headers(),
      })
    ).rawPayload;
    expect(row(discussed, 'lks_nieuw')).toMatchObject({ actual: 24, toelichting: null });
    expect(discussed.rows.every((r) => r.deviationId !== null)).toBe(true);

    // after the meeting: a correction of March and a toelichting
    at('2024-10-15T09:05:00.000Z');
    const march = await currentValue('lks_nieuw', '2024-03');
    expect((await deliver('lks_nieuw', '2024-03', march + 5, 'nagekomen plaatsingen')).statusCode).toBe(201);
    const id = row(discussed, 'lks_nieuw').deviationId;
    expect(
      (await send(konnected, 'PUT', `/deviations/${id}/toelichting`, { text: 'Achterstand in de registratie' }))
        .statusCode,
    ).toBe(200);

    const later = await get<MeetingDeviationsResponse>(`/meetings/${kwartaaloverleg.id}/deviations`);
    expect(later).toEqual(discussed);
    const csvAfter = (
      await ctx.app.inject({
        url: `/api/dvos/${DVO}/meetings/${kwartaaloverleg.id}/deviations?format=csv`,
        headers: lezer.headers(),
      })
    ).rawPayload;
    expect(csvAfter.equals(csvBefore)).toBe(true);
    const now = await get<DeviationsResponse>('/deviations?period=2024-Q3');
    expect(row(now, 'lks_nieuw')).toMatchObject({ actual: 29, toelichting: 'Achterstand in de registratie' });
  });

  it('signals that the Groeien oud report of the 3rd quarter is late, as it stood at the meeting', async () => {
    const detail = await get<MeetingDetail>(`/meetings/${kwartaaloverleg.id}`);
    const late = detail.signals.find((s) => s.period === '2024-Q3');
    expect(late).toMatchObject({
      type: 'rapportage_ontbreekt',
      indicator: 'mijlpaal_groeien_oud_rapportage',
      dueDate: '2024-10-14',
      daysLate: 1,
    });
    expect(detail.signals.find((s) => s.period === '2024-Q2')).toMatchObject({
      type: 'rapportage_te_laat_ontvangen',
      receivedOn: '2024-07-22',
      daysLate: 8,
    });

    at('2024-10-15T09:10:00.000Z');
    const received = await send(gemeente, 'PUT', '/assessments/mijlpaal_groeien_oud_rapportage/2024-Q3', {
      completedOn: '2024-10-15',
    });
    expect(received.statusCode, received.body).toBe(200);
    const now = await get<DeviationsResponse>('/deviations?period=2024-Q3');
    expect(now.signals.find((s) => s.period === '2024-Q3')).toMatchObject({
      type: 'rapportage_te_laat_ontvangen',
      daysLate: 1,
      message:
        'Kwartaalrapportage Groeien oud over het 3e kwartaal 2024 is op 15 oktober 2024 ontvangen, 1 dag na de uiterste datum (14 oktober 2024).',
    });
    const frozen = await get<MeetingDeviationsResponse>(`/meetings/${kwartaaloverleg.id}/deviations`);
    expect(frozen.signals.find((s) => s.period === '2024-Q3')?.type).toBe('rapportage_ontbreekt');
  });

  it('records decisions and action items by both parties, not by a lezer', async () => {
    at('2024-10-15T09:12:00.000Z');
    const discussed = await get<MeetingDeviationsResponse>(`/meetings/${kwartaaloverleg.id}/deviations`);
    const duale = row(discussed, 'duale_trajecten');
    const action = await send(gemeente, 'POST', `/meetings/${kwartaaloverleg.id}/items`, {
      kind: 'actiepunt',
      text: 'KonnecteD levert de duale trajecten van Q2 alsnog',
      owner: 'KonnecteD',
      deadline: '2024-10-31',
      deviationId: duale.deviationId,
    });
    expect(action.statusCode, action.body).toBe(201);
    actionId = action.json().id;
    const decision = await send(konnected, 'POST', `/meetings/${kwartaaloverleg.id}/items`, {
      kind: 'besluit',
      text: 'De LKS-norm blijft 40 per jaar',
    });
    expect(decision.statusCode).toBe(201);
    decisionId = decision.json().id;
    expect(
      (await send(lezer, 'POST', `/meetings/${kwartaaloverleg.id}/items`, { kind: 'besluit', text: 'x' })).statusCode,
    ).toBe(403);
    const unknown = await send(gemeente, 'POST', `/meetings/${kwartaaloverleg.id}/items`, {
      kind: 'actiepunt',
      text: 'x',
      deviationId: 999_999,
    });
    expect(unknown.statusCode).toBe(422);

    const detail = await get<MeetingDetail>(`/meetings/${kwartaaloverleg.id}`, lezer);
    expect(detail.items.map((i) => [i.kind, i.state, i.carried, i.createdBy])).toEqual([
      ['actiepunt', 'open', false, 'gemeente'],
      // a besluit is recorded, not closed: it has no open/done state
      ['besluit', null, false, 'konnected'],
    ]);
    const close = await send(gemeente, 'PATCH', `/meeting-items/${decisionId}`, { state: 'done' });
    expect(close.statusCode).toBe(422);
    expect(close.json().error.message).toMatch(/besluit wordt vastgelegd, niet afgerond/);
    const reworded = await send(gemeente, 'PATCH', `/meeting-items/${decisionId}`, {
      text: 'De LKS-norm blijft 40 per jaar (bevestigd)',
    });
    expect(reworded.statusCode, reworded.body).toBe(200);
    expect(reworded.json()).toMatchObject({
      kind: 'besluit',
      state: null,
      text: 'De LKS-norm blijft 40 per jaar (bevestigd)',
    });
    expect(detail.items[0]).toMatchObject({
      owner: 'KonnecteD',
      deadline: '2024-10-31',
      deviationId: duale.deviationId,
    });
  });
});

describe('corrections after vaststelling and items carried to the next meeting', () => {
  it('shows in the next meeting a figure changed after its period was reopened: old, new, who, why, effect on the year', async () => {
    at('2024-10-15T09:15:00.000Z');
    expect((await send(gemeente, 'POST', '/periods/2024-Q1/lock', {})).statusCode).toBe(200);
    const february = await currentValue('lks_nieuw', '2024-02');
    at('2024-10-15T09:16:00.000Z');
    expect((await deliver('lks_nieuw', '2024-02', february + 3, 'drie nagekomen plaatsingen')).statusCode).toBe(409);
    expect(
      (await send(gemeente, 'POST', '/periods/2024-Q1/unlock', { reason: 'Correctie LKS-plaatsingen februari' }))
        .statusCode,
    ).toBe(200);
    at('2024-10-15T09:20:00.000Z');
    expect((await deliver('lks_nieuw', '2024-02', february + 3, 'drie nagekomen plaatsingen')).statusCode).toBe(201);
    at('2024-10-15T09:22:00.000Z');
    expect((await send(gemeente, 'POST', '/periods/2024-Q1/lock', {})).statusCode).toBe(200);

    at('2024-10-15T09:30:00.000Z');
    voortgang = await openMeeting({ type: 'voortgangsbespreking', date: '2024-10-22', period: '2024-09' });
    const list = await get<MeetingDeviationsResponse>(`/meetings/${voortgang.id}/deviations`);
    // the March correction of the first test was made before any lock: not a correction after vaststelling
    expect(list.corrections).toEqual([
      {
        indicator: 'lks_nieuw',
        name: 'Nieuwe LKS-ers naar werk',
        segment: null,
        period: '2024-02',
        unit: 'aantal',
        kind: 'flow',
        old: { value: february, numerator: null, denominator: null },
        new: { value: february + 3, numerator: null, denominator: null },
        changedAt: '2024-10-15T09:20:00.000Z',
        changedBy: 'konnected',
        comment: 'drie nagekomen plaatsingen',
        lockedPeriod: '2024-Q1',
        lockedAt: '2024-10-15T09:15:00.000Z',
        unlockedAt: '2024-10-15T09:16:00.000Z',
        unlockedBy: 'gemeente',
        unlockReason: 'Correctie LKS-plaatsingen februari',
        yearToDate: { month: '2024-09', before: 29, after: 32, difference: 3 },
      },
    ]);
    // the earlier meeting was before it: its frozen list keeps no correction, but beside it shows what
    // changed since it was opened; the new meeting, opened after the correction, shows nothing since
    const earlier = await get<MeetingDeviationsResponse>(`/meetings/${kwartaaloverleg.id}/deviations`);
    expect(earlier.corrections).toEqual([]);
    expect(earlier.changedSince).toEqual([
      { ...list.corrections[0], yearToDate: { ...list.corrections[0]?.yearToDate, month: earlier.evaluatedMonth } },
    ]);
    expect(list.changedSince).toEqual([]);
    // and its export says so: a fact under the title and a sheet of its own
    const xlsx = await ctx.app.inject({
      url: `/api/dvos/${DVO}/meetings/${kwartaaloverleg.id}/deviations?format=xlsx`,
      headers: lezer.headers(),
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Gewijzigd sinds overleg');
    expect(sheet?.getRow(2).getCell(3).value).toBe(String(february));
    expect(sheet?.getRow(2).getCell(4).value).toBe(String(february + 3));
    const texts: string[] = [];
    workbook.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value)))));
    expect(texts.some((t) => /^1 cijfer van een vastgestelde periode na de opening .* gecorrigeerd/.test(t))).toBe(
      true,
    );
    expect((await get<DeviationsResponse>('/deviations?period=2024-09')).corrections).toEqual(list.corrections);
  });

  it('carries open items to the next meeting, and drops them once done', async () => {
    const carried = await get<MeetingDetail>(`/meetings/${voortgang.id}`);
    expect(carried.items.map((i) => [i.id, i.carried, i.state, i.meetingType])).toEqual([
      [actionId, true, 'open', 'kwartaaloverleg'],
      [decisionId, true, null, 'kwartaaloverleg'],
    ]);

    at('2024-10-15T09:35:00.000Z');
    expect((await send(lezer, 'PATCH', `/meeting-items/${actionId}`, { state: 'done' })).statusCode).toBe(403);
    const done = await send(konnected, 'PATCH', `/meeting-items/${actionId}`, { state: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', doneBy: 'konnected', doneAt: '2024-10-15T09:35:00.000Z' });

    // closed during this meeting: still on its list, as done
    const during = await get<MeetingDetail>(`/meetings/${voortgang.id}`);
    expect(during.items.find((i) => i.id === actionId)?.state).toBe('done');

    at('2024-10-15T09:40:00.000Z');
    const bestuurlijk = await openMeeting({ type: 'bestuurlijk_overleg', date: '2024-11-04', period: '2024-Q3' });
    const next = await get<MeetingDeviationsResponse>(`/meetings/${bestuurlijk.id}/deviations`);
    expect(next.items.map((i) => [i.id, i.carried])).toEqual([[decisionId, true]]);
    expect(next.corrections).toEqual([]);

    const all = await get<{ meetings: Meeting[] }>('/meetings', lezer);
    expect(all.meetings.map((m) => m.type)).toEqual(['bestuurlijk_overleg', 'voortgangsbespreking', 'kwartaaloverleg']);
  });

  it('lets the attendees be completed afterwards without moving the frozen moment', async () => {
    const patched = await send(gemeente, 'PATCH', `/meetings/${voortgang.id}`, {
      attendees: ['wethouder', 'directeur'],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ attendees: ['wethouder', 'directeur'], asOf: voortgang.asOf });
    expect((await send(konnected, 'PATCH', `/meetings/${voortgang.id}`, { attendees: [] })).statusCode).toBe(403);
    const missing = await ctx.app.inject({ url: `/api/dvos/${DVO}/meetings/99999`, headers: gemeente.headers() });
    expect(missing.statusCode).toBe(404);
  });
});

describe('signals as of the moment a meeting or list is about, never the clock (issue #13)', () => {
  it('lists for a meeting about Q2 opened months later only the reports up to Q2, as its own list and export do', async () => {
    at('2025-03-03T10:00:00.000Z');
    gemeente = await login(ctx.app, 'gemeente');
    const late = await openMeeting({ type: 'bestuurlijk_overleg', date: '2025-03-03', period: '2024-Q2' });
    const detail = await get<MeetingDetail>(`/meetings/${late.id}`);
    expect(detail.signals.map((s) => [s.period, s.type, s.daysLate])).toEqual([
      ['2024-Q2', 'rapportage_te_laat_ontvangen', 8],
    ]);
    const list = await get<MeetingDeviationsResponse>(`/meetings/${late.id}/deviations`);
    expect(list.signals).toEqual(detail.signals);
    const csv = await ctx.app.inject({
      url: `/api/dvos/${DVO}/meetings/${late.id}/deviations?format=csv`,
      headers: gemeente.headers(),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toMatch(/3e kwartaal|4e kwartaal/);
  });

  it('counts the report of December to the month being complete, not to the day the list is read', async () => {
    const december = await get<DeviationsResponse>('/deviations?period=2024-12');
    // due 14 January 2025; the list of December is about 1 January: expected, not weeks late
    expect(december.signals.find((s) => s.period === '2024-Q4')).toMatchObject({
      type: 'rapportage_verwacht',
      dueDate: '2025-01-14',
      daysLate: 0,
    });
    // a meeting opened now about December counts to its opening: then it is late
    const meeting = await openMeeting({ type: 'kwartaaloverleg', date: '2025-03-03', period: '2024-Q4' });
    const detail = await get<MeetingDetail>(`/meetings/${meeting.id}`);
    expect(detail.signals.find((s) => s.period === '2024-Q4')).toMatchObject({
      type: 'rapportage_ontbreekt',
      daysLate: 48,
    });
  });
});
