import { describe, expect, it } from 'vitest';
import type { LockChangesResponse } from '../../../shared/contracts/deviations.ts';
import type { StatusResponse } from '../../../shared/contracts/status.ts';
import { type LoggedIn, setupTestApp } from '../../../tests/helpers/test-app.ts';

// The meeting cycle of one month: vastgesteld, reopened, a figure corrected, vastgesteld again; what
// changed since the first vaststelling, and what it did to the verdict.

const DVO = 'deventer-konnected-2024';
const ctx = setupTestApp({ now: new Date('2024-10-15T09:00:00.000Z'), demo: true });

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};
const get = (url: string, who: LoggedIn = ctx.gemeente) =>
  ctx.app.inject({ url: `/api/dvos/${DVO}${url}`, headers: who.headers() });
const post = (who: LoggedIn, url: string, payload: object = {}) =>
  ctx.app.inject({ method: 'POST', url: `/api/dvos/${DVO}${url}`, headers: who.headers(true), payload });
const deliver = (value: number) =>
  post(ctx.konnected, '/figures', {
    figures: [{ indicator: 'uitstroom', period: '2024-03', segment: 'matchen', value, comment: 'nagekomen' }],
  });

async function statusRow(asOf?: string) {
  const response = await get(`/status?period=2024-03${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  const row = (response.json() as StatusResponse).rows.find((r) => r.indicator === 'uitstroom' && r.segment === null);
  if (!row) throw new Error('geen uitstroom');
  return row;
}

describe('changes since vaststelling', () => {
  let oldValue: number;

  it('lists nothing for a period that was never vastgesteld', async () => {
    const response = await get('/periods/changes?period=2024-03', ctx.lezer);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ periods: [] });
  });

  it('lists a vastgestelde period with no changes, with who and when', async () => {
    at('2024-10-15T09:05:00.000Z');
    expect((await post(ctx.gemeente, '/periods/2024-03/lock')).statusCode).toBe(200);
    const response = await get('/periods/changes?period=2024-03', ctx.konnected);
    expect(response.json()).toEqual({
      periods: [
        {
          period: '2024-03',
          firstLockedAt: '2024-10-15T09:05:00.000Z',
          firstLockedBy: 'gemeente',
          locked: true,
          lockedAt: '2024-10-15T09:05:00.000Z',
          lockedBy: 'gemeente',
          evaluatedMonth: '2024-03',
          changes: [],
        },
      ],
    });
  });

  it('shows a figure corrected after reopening with old and new value and the verdict then and now', async () => {
    const figures = await get('/figures?indicator=uitstroom&from=2024-03&to=2024-03');
    const matchen = figures.json().figures.find((f: { segment: string | null }) => f.segment === 'matchen');
    oldValue = matchen.revisions[0].value;
    const before = await statusRow();

    at('2024-10-15T09:10:00.000Z');
    expect((await deliver(oldValue + 400)).statusCode).toBe(409);
    expect((await post(ctx.gemeente, '/periods/2024-03/unlock', { reason: 'correctie uitstroom' })).statusCode).toBe(
      200,
    );
    at('2024-10-15T09:12:00.000Z');
    expect((await deliver(oldValue + 400)).statusCode).toBe(201);
    at('2024-10-15T09:14:00.000Z');
    expect((await post(ctx.gemeente, '/periods/2024-03/lock')).statusCode).toBe(200);

    const after = await statusRow();
    // as the data stood at the first vaststelling, the status endpoint gives the verdict of then
    expect(await statusRow('2024-10-15T09:05:00.000Z')).toMatchObject({ status: before.status, actual: before.actual });
    expect(after.actual).toBe((before.actual as number) + 400);
    expect(after.status).not.toBe(before.status);

    const response = await get('/periods/changes?period=2024-03', ctx.lezer);
    expect(response.statusCode).toBe(200);
    expect((response.json() as LockChangesResponse).periods).toEqual([
      {
        period: '2024-03',
        firstLockedAt: '2024-10-15T09:05:00.000Z',
        firstLockedBy: 'gemeente',
        locked: true,
        lockedAt: '2024-10-15T09:14:00.000Z',
        lockedBy: 'gemeente',
        evaluatedMonth: '2024-03',
        changes: [
          {
            indicator: 'uitstroom',
            name: expect.any(String),
            segment: 'matchen',
            period: '2024-03',
            unit: 'aantal',
            old: { value: oldValue, numerator: null, denominator: null },
            new: { value: oldValue + 400, numerator: null, denominator: null },
            changedAt: '2024-10-15T09:12:00.000Z',
            changedBy: 'konnected',
            comment: 'nagekomen',
            // uitstroom is judged on its total: the segment has no row of its own
            rowSegment: null,
            statusBefore: before.status,
            statusAfter: after.status,
            actualBefore: before.actual,
            actualAfter: after.actual,
            statusChanged: true,
          },
        ],
      },
    ]);
  });

  it('shows the change on the quarter and the indicator, not on a month outside the lock', async () => {
    const quarter = (await get('/periods/changes?period=2024-Q1')).json() as LockChangesResponse;
    expect(quarter.periods.map((p) => [p.period, p.evaluatedMonth, p.changes.length])).toEqual([
      ['2024-03', '2024-03', 1],
    ]);
    const indicator = (await get('/periods/changes?indicator=uitstroom')).json() as LockChangesResponse;
    expect(indicator.periods[0]?.changes.map((c) => c.new.value)).toEqual([oldValue + 400]);
    const other = (await get('/periods/changes?indicator=lks_nieuw')).json() as LockChangesResponse;
    expect(other.periods[0]?.changes).toEqual([]);
    expect((await get('/periods/changes?period=2024-04')).json()).toEqual({ periods: [] });
  });

  it('refuses a malformed period and an unknown indicator in Dutch, never a 500', async () => {
    const bad = await get('/periods/changes?period=maart');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Periode 'maart'/);
    expect((await get('/periods/changes?period=2023-03')).statusCode).toBe(400);
    const unknown = await get('/periods/changes?indicator=bestaat_niet');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Indicator bestaat_niet bestaat niet in deze DVO.');
  });
});
