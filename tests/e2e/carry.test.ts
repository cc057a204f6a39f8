import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { axeViolations, DEMO_DVO } from '../helpers/dashboard.ts';
import type { RunningServer } from '../helpers/server-process.ts';

// Decision 0025: the beheerder activates next year's DVO with last year's open work, and sees the
// carried thread in the new year, linked both ways. A real server and a browser on a shared machine.
const SLOW = 120_000;
const NEXT = 'deventer-konnected-2025';
const TOELICHTING = 'Minder vacatures bij de werkgevers in de regio.';

let server: RunningServer;
let page: Page;

browserSuite((suite) => {
  ({ server, page } = suite);
});

/** A call of the API with the page's session, as the screens make it. */
async function apiCall<T>(path: string, method = 'GET', body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(path, {
        method,
        headers: {
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: await response.json() };
    },
    { path, method, body },
  ) as Promise<{ status: number; json: T }>;
}

interface Row {
  indicator: string;
  name: string;
  segment: string | null;
  deviationId: number | null;
  carriedFrom?: { id: number };
}

describe('carrying open work into the new year in the browser', () => {
  it(
    'the beheerder ticks "meenemen" beside Activeren, reads the summary and finds the thread in 2025 linked to 2024',
    async () => {
      // last year as the users left it: a deviation with a toelichting
      const list = await apiCall<{ rows: Row[] }>(`/api/dvos/${DEMO_DVO}/deviations?period=2024-09`);
      const origin = list.json.rows.find((r) => r.deviationId !== null && r.segment === null) as Row;
      expect(origin).toBeDefined();
      const written = await apiCall(`/api/dvos/${DEMO_DVO}/deviations/${origin.deviationId}/toelichting`, 'PUT', {
        text: TOELICHTING,
      });
      expect(written.status).toBe(200);
      const created = await apiCall('/api/dvos', 'POST', {
        slug: NEXT,
        name: 'DVO 2025 Deventer – KonnecteD',
        year: 2025,
        opdrachtgever: 'gemeente-deventer',
        opdrachtnemer: 'konnected',
        from: DEMO_DVO,
      });
      expect(created.status).toBe(201);

      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto(`${server.url}/beheer#dvos`);
      const section = page.getByRole('region', { name: "DVO's", exact: true });
      const row = section.getByRole('row', { name: /DVO 2025/ });
      const carry = row.getByRole('checkbox', { name: /Open afwijkingen en acties meenemen uit .*2024/ });
      await carry.waitFor();
      expect(await carry.isChecked()).toBe(false);
      await carry.check();
      await row.getByRole('button', { name: /^Activeren/ }).click();
      await expect.poll(() => page.getByText(/gaan mee; daar zijn ze daarna alleen nog ter inzage/).count()).toBe(1);
      await page.getByRole('button', { name: 'Ja, activeren' }).click();
      const summary = section.getByRole('status').filter({ hasText: /is actief/ });
      await expect
        .poll(() => summary.textContent(), { timeout: 30_000 })
        .toMatch(/Meegenomen uit .*2024.*: \d+ afwijking/);
      expect(await summary.textContent()).toMatch(/\d+ actiepunt/);
      await expect.poll(() => row.getByRole('cell', { name: 'Actief' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await section.screenshot({ path: '/tmp/carry-beheer-1400.png' });
      await page.setViewportSize({ width: 360, height: 800 });
      await section.screenshot({ path: '/tmp/carry-beheer-360.png' });

      // the new year's list shows the carried thread with where it came from
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto(`${server.url}/dvo/${NEXT}/afwijkingen?periode=2025-01`);
      const note = page.getByText(/Meegenomen uit DVO 2024/).first();
      await note.waitFor({ timeout: 60_000 });
      const next = await apiCall<{ rows: Row[]; recovered: Row[] }>(`/api/dvos/${NEXT}/deviations?period=2025-01`);
      const copy = [...next.json.rows, ...next.json.recovered].find((r) => r.carriedFrom?.id === origin.deviationId);
      expect(copy?.deviationId).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);

      // the thread itself: its toelichting came along, and the link leads to the origin, which points back
      await page.goto(`${server.url}/dvo/${NEXT}/afwijkingen/${copy?.deviationId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => page.getByText(TOELICHTING).count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.carried-note', { hasText: 'Meegenomen uit DVO 2024' }).count()).toBe(1);
      // the first event of the copy sums up last year's history
      expect(await page.getByText(/Meegenomen uit .*\(afwijking \d+\): afwijkend/).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/carry-thread-1400.png', fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: '/tmp/carry-thread-360.png', fullPage: true });
      await page.getByRole('link', { name: 'DVO 2024' }).click();
      await page.waitForURL(new RegExp(`/dvo/${DEMO_DVO}/afwijkingen/${origin.deviationId}$`));
      await expect.poll(() => page.locator('.carried-note', { hasText: 'Meegenomen naar DVO 2025' }).count()).toBe(1);
      await expect.poll(() => page.getByText(/alleen ter inzage/).count()).toBe(1);
      // read-only in its own year: no forms to write in
      expect(await page.getByRole('button', { name: /opslaan|vastleggen/i }).count()).toBe(0);
      await page.screenshot({ path: '/tmp/carry-origin-360.png', fullPage: true });
    },
    SLOW * 3,
  );
});
