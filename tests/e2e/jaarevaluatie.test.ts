import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, DEMO_DVO } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// The Jaarevaluatie for the demo DVO as the beheerder opens it from the menu: a title of its own,
// every chapter, the month strip readable without colour, the downloads, no sideways scroll, axe 0.

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/dvo/${DEMO_DVO}/afspraken`);
  await page.getByLabel('Gebruikersnaam').fill('beheerder');
  await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Afspraken/ }).waitFor();
  await page.getByRole('link', { name: 'Jaarevaluatie' }).first().click();
  await page.getByRole('heading', { level: 1, name: /^Jaarevaluatie 2024/ }).waitFor();
  await page.locator('.month-strip').first().waitFor();
  return page;
}

describe('Jaarevaluatie screen', () => {
  it.each([1400, 412, 360, 320])(
    'shows the year of the demo DVO at %i px',
    async (width) => {
      const page = await open(width);
      try {
        expect(await page.title()).toMatch(/^Jaarevaluatie 2024/);
        const api = await page.evaluate(async (dvo) => (await fetch(`/api/dvos/${dvo}/evaluation`)).json(), DEMO_DVO);
        for (const chapter of new Set((api.rows as { chapter: string }[]).map((r) => r.chapter)))
          expect(await page.getByRole('heading', { level: 2, name: chapter, exact: true }).isVisible()).toBe(true);
        expect(await page.locator('.month-strip').count()).toBe(api.rows.length);
        // every cell says its month and status in words, not colour alone
        const first = page.locator('.month-strip').first().locator('li');
        expect(await first.count()).toBe(12);
        expect(await first.first().locator('.visually-hidden').textContent()).toMatch(/^jan: /);
        expect(await page.getByRole('link', { name: 'Jaarevaluatie als PDF' }).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Jaarevaluatie als Word-document' }).isVisible()).toBe(true);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(scroll).toBeLessThanOrEqual(0);
        if (width === 1400 || width === 360)
          await page.screenshot({ path: `/tmp/jaarevaluatie-${width}.png`, fullPage: false });
        if (width === 412 || width === 1400) expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
    120_000,
  );
});
