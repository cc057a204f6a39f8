import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviationsResponse } from '../../../shared/contracts/deviations.ts';
import type { StatusResponse } from '../../../shared/contracts/status.ts';
import { countDeviations } from '../../../shared/domain/statuses.ts';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { loadDemoData } from '../../demo.ts';

// Issue #13 point 6: the month screen said 8 afwijkingen where the list, the quarter screen and the
// exports said 10 (the art. 14 cohorts deviate on their own). The screens count the /status rows with
// countDeviations; the list and its exports count their rows. For every month of the demo DVO they agree.

const DVO = 'deventer-konnected-2024';
let ctx: TestContext;
let lezer: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ now: new Date('2025-02-01T09:00:00.000Z') });
  await loadDemoData(ctx.db, { info: () => undefined });
  lezer = await login(ctx.app, 'lezer');
});
afterAll(async () => {
  await ctx.close();
});

async function get(url: string) {
  const response = await ctx.app.inject({ url: `/api/dvos/${DVO}${url}`, headers: lezer.headers() });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);

describe('one count of deviations everywhere', () => {
  it.each(MONTHS)('%s: month screen, quarter screen, deviation list and export give the same number', async (month) => {
    const status: StatusResponse = (await get(`/status?period=${month}`)).json();
    const screen = countDeviations(status.rows);
    const list: DeviationsResponse = (await get(`/deviations?period=${month}`)).json();
    expect(list.rows).toHaveLength(screen.total);
    expect(list.summary).toEqual(screen.byStatus);
    expect(countDeviations(list.rows)).toEqual(screen);

    const csv = parse((await get(`/deviations?period=${month}&format=csv`)).rawPayload, {
      delimiter: ';',
      bom: true,
    }) as string[][];
    expect(csv.slice(1).filter((r) => r.some((cell) => cell !== ''))).toHaveLength(screen.total);

    const m = Number(month.slice(5));
    if (m % 3 === 0) {
      const quarter: DeviationsResponse = (await get(`/deviations?period=2024-Q${m / 3}`)).json();
      expect(quarter.rows.map((r) => r.deviationId)).toEqual(list.rows.map((r) => r.deviationId));
    }
    // the demo has deviating cohorts, so the split between rows and agreements is really there
    if (m <= 9) expect(screen.agreements).toBeLessThan(screen.total);
  });
});
