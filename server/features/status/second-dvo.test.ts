import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type LoggedIn, login, type TestContext } from '../../../tests/helpers/test-app.ts';
import { createUser } from '../../core/users/repository.ts';

// The fictitious Raalte DVO (fixtures/test-dvos) runs through the same delivery and evaluation as
// Deventer: nothing in the product is tied to one gemeente–werkbedrijf pair.
const DVO = 'raalte-werkbedrijf-2025';
let ctx: TestContext;
let bedrijf: LoggedIn;
let gemeente: LoggedIn;

beforeAll(async () => {
  ctx = await createTestApp({ now: new Date('2025-07-20T09:00:00.000Z') });
  await createUser(
    ctx.db,
    { username: 'raalte-bedrijf', password: 'correct-horse-battery', role: 'opdrachtnemer', organisation: 'bedrijf-x' },
    ctx.clock.now,
  );
  await createUser(
    ctx.db,
    {
      username: 'raalte-gemeente',
      password: 'correct-horse-battery',
      role: 'opdrachtgever',
      organisation: 'gemeente-raalte',
    },
    ctx.clock.now,
  );
  bedrijf = await login(ctx.app, 'raalte-bedrijf');
  gemeente = await login(ctx.app, 'raalte-gemeente');
});
afterAll(async () => {
  await ctx.close();
});

describe('a second gemeente–werkbedrijf pair', () => {
  it('delivers and evaluates with weighted paths, relative cohorts and ranges of its own catalogue', async () => {
    const monthly = [9, 10, 12, 13, 12, 10];
    const figures = [
      ...monthly.map((value, i) => ({ indicator: 'uitstroom_werk', period: `2025-0${i + 1}`, value })),
      { indicator: 'cohort_omvang', period: '2025', segment: 'cohort_2023', value: 40 },
      { indicator: 'cohort_omvang', period: '2025', segment: 'cohort_2024', value: 60 },
      { indicator: 'cohort_uitstroom', period: '2025-Q1', segment: 'cohort_2023', value: 3 },
      { indicator: 'cohort_uitstroom', period: '2025-Q2', segment: 'cohort_2023', value: 2 },
      { indicator: 'cohort_uitstroom', period: '2025-Q1', segment: 'cohort_2024', value: 1 },
      { indicator: 'cohort_uitstroom', period: '2025-Q2', segment: 'cohort_2024', value: 2 },
      { indicator: 'beschut_plekken', period: '2025-06', value: 22 },
    ];
    const delivered = await ctx.app.inject({
      method: 'POST',
      url: `/api/dvos/${DVO}/figures`,
      headers: bedrijf.headers(true),
      payload: { figures },
    });
    expect(delivered.statusCode, delivered.body).toBe(201);
    const status = await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2025-06`, headers: gemeente.headers() });
    const rows = status.json().rows as {
      indicator: string;
      segment: string | null;
      status: string;
      actual: number;
      expected: number;
    }[];
    const row = (indicator: string, segment: string | null = null) =>
      rows.find((r) => r.indicator === indicator && r.segment === segment);
    // weights Jan–Jun 1+1+1.2+1.2+1.2+1 = 6.6 of 12: 120 × 6.6/12 = 66; realised 66: exactly on the path
    expect(row('uitstroom_werk')).toMatchObject({ actual: 66, expected: 66, status: 'on_track' });
    // 1/4 of cohort 2023 (40) a year, half a year by Q2 = 5: realised 5; cohort 2024: 7,5 expected, 3 realised
    expect(row('cohort_uitstroom', 'cohort_2023')).toMatchObject({ actual: 5, expected: 5, status: 'on_track' });
    expect(row('cohort_uitstroom', 'cohort_2024')).toMatchObject({ actual: 3, expected: 7.5, status: 'off_track' });
    // 22 places against a 10–20 band with 10% margin: above 20 but within 22 → attention
    expect(row('beschut_plekken')).toMatchObject({ actual: 22, status: 'attention' });
  });

  it('keeps the two pairs apart: Deventer users do not see Raalte, and the other way round', async () => {
    const deventer = await login(ctx.app, 'gemeente');
    expect(
      (await ctx.app.inject({ url: `/api/dvos/${DVO}/status?period=2025-06`, headers: deventer.headers() })).statusCode,
    ).toBe(404);
    const list = await ctx.app.inject({ url: '/api/dvos', headers: gemeente.headers() });
    expect(list.json().dvos.map((d: { slug: string }) => d.slug)).toEqual([DVO]);
  });
});
