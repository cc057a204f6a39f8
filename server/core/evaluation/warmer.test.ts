import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../../shared/contracts/status.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { findDvo, listDvos } from '../dvo-access.ts';
import { readyStatusBody } from './evaluation.ts';
import { type StatusWarmer, startStatusWarmer } from './warmer.ts';

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let warmer: StatusWarmer;
let konnected: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ demo: true });
  konnected = await login(ctx.app, 'konnected');
  warmer = startStatusWarmer(ctx.db, { now: () => ctx.clock.now, intervalMs: 20, log: { error: () => undefined } });
});
afterAll(async () => {
  warmer.stop();
  await ctx.close();
});

const ready = (slug: string, month: number) => {
  const dvo = findDvo(ctx.db, slug);
  if (!dvo) throw new Error(slug);
  const body = readyStatusBody(ctx.db, { dvo, month, asOf: null, now: ctx.clock.now });
  return body ? (JSON.parse(body.toString('utf8')) as StatusResponse) : null;
};
const uitstroomIn = (response: StatusResponse | null) =>
  response?.rows.find((r) => r.indicator === 'uitstroom' && r.segment === null)?.actual;

describe('the background evaluation of every DVO month', () => {
  it('has every month of every DVO ready, as the API answers it', async () => {
    await warmer.idle();
    const dvos = listDvos(ctx.db);
    expect(dvos.length).toBe(2);
    for (const dvo of dvos) for (let month = 1; month <= 12; month++) expect(ready(dvo.slug, month)).not.toBeNull();
    const api = await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2024-06`, headers: konnected.headers() });
    expect(api.json()).toEqual(ready(DVO, 6));
  });

  it('never serves an evaluation older than the data, and has the new one ready after the next round', async () => {
    await warmer.idle();
    const before = uitstroomIn(ready(DVO, 6)) as number;
    const beforeSeptember = uitstroomIn(ready(DVO, 9)) as number;
    const delivered = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/figures`,
      headers: konnected.headers(true),
      payload: { figures: [{ indicator: 'uitstroom', period: '2024-06', value: 70 }] },
    });
    expect(delivered.statusCode, delivered.body).toBe(201);
    // the change is seen at once, whether or not the warmer has been round yet
    const api = await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2024-06`, headers: konnected.headers() });
    const after = uitstroomIn(api.json()) as number;
    expect(after).not.toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await warmer.idle();
    expect(uitstroomIn(ready(DVO, 6))).toBe(after);
    // the months after it count the June change too
    expect(uitstroomIn(ready(DVO, 9))).toBe(beforeSeptember + after - before);
  });

  it('evaluates the months not yet over again on a new day', async () => {
    await warmer.idle();
    // 15 October: October, November and December are keyed by the day; September is over
    ctx.clock.now = new Date('2024-10-16T09:00:00.000Z');
    expect(ready(DVO, 9)).not.toBeNull();
    expect(ready(DVO, 10)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await warmer.idle();
    expect(ready(DVO, 10)).not.toBeNull();
  });
});
