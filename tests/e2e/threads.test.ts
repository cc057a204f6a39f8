import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, closePage, DEMO_DVO, loggedInPage, monthTablesDrawn } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// Issue #13 points 1 and 6 as a user meets them: from a deviating row of the month, quarter and
// indicator screens one click to its thread, the row saying whether a toelichting and a maatregel are
// there; and the month screen's number of afwijkingen is the deviation list's.

const SLOW = 120_000;
const UITSTROOM = 'Uitstroom naar werk, school of zelfstandigheid';
const TOELICHTING = 'Minder vacatures in de zorg; werkgevers nemen pas na de zomer weer aan.';
const base = `/dvo/${DEMO_DVO}`;

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

const uitstroomRow = (page: Page) =>
  page.locator('.agreements-table tbody tr:not(.segment-row)', { hasText: UITSTROOM });

async function listLength(page: Page, period: string): Promise<number> {
  return page.evaluate(
    async (url) => (await (await fetch(url)).json()).rows.length as number,
    `/api/dvos/${DEMO_DVO}/deviations?period=${period}`,
  );
}

describe('deviation threads from the month, quarter and indicator screens', () => {
  it(
    'counts the afwijkingen of the month as the deviation list and the quarter screen do',
    async () => {
      const page = await loggedInPage(browser, server);
      await page.goto(`${server.url}${base}/maand/2024-09`);
      const line = page.locator('.summary-deviations a');
      await expect.poll(() => line.textContent(), { timeout: 30_000 }).toMatch(/afwijkingen/);
      const text = (await line.textContent()) ?? '';
      const [, total, agreements] = /^(\d+) afwijkingen \(bij (\d+) afspraken\) te bespreken/.exec(text) ?? [];
      expect(Number(total)).toBe(await listLength(page, '2024-09'));
      expect(Number(agreements)).toBeLessThan(Number(total));
      // the cards add up to the judged rows, the deviation cards to the list
      const cards = await page.locator('.summary-item:not(.status-qualitative) .summary-count').allTextContents();
      expect(cards.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      await line.click();
      await page.waitForURL(/\/afwijkingen\?periode=2024-09/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.goto(`${server.url}${base}/kwartaal/2024-Q3`);
      await expect
        .poll(() => page.locator('.deviation-count').textContent(), { timeout: 30_000 })
        .toMatch(new RegExp(`^${total} afwijkingen \\(bij ${agreements} afspraken\\):`));
      await closePage(page);
    },
    SLOW,
  );

  it(
    'reaches the thread from a month row in one click, and the row shows the toelichting once written',
    async () => {
      const page = await loggedInPage(browser, server);
      await page.goto(`${server.url}${base}/maand/2024-09`);
      await monthTablesDrawn(page);
      const link = uitstroomRow(page).locator('a.thread-link');
      await expect.poll(() => link.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ontbreekt/);
      expect(await link.textContent()).toMatch(/Maatregel ontbreekt/);
      await link.click();
      await page.waitForURL(/\/afwijkingen\/\d+\?periode=2024-09$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(`Afwijking ${UITSTROOM}`) }).waitFor();
      const threadUrl = page.url();

      await page.getByRole('textbox', { name: 'Toelichting', exact: true }).fill(TOELICHTING);
      await page.getByRole('button', { name: 'Toelichting opslaan' }).click();
      await page.getByText(/Toelichting opgeslagen/).waitFor();

      await page.goBack();
      await page.waitForURL(/\/maand\/2024-09$/);
      await monthTablesDrawn(page);
      const after = uitstroomRow(page).locator('a.thread-link');
      await expect.poll(() => after.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ✓/);
      expect(await after.textContent()).toMatch(/Maatregel ontbreekt/);
      // said in words to a screen reader, not by the tick alone
      expect(await after.getAttribute('href')).toBe(new URL(threadUrl).pathname + new URL(threadUrl).search);
      await expect(after.textContent()).resolves.toMatch(/Toelichting ✓gegeven/);
      expect(await axeViolations(page)).toEqual([]);

      // the maatregel form starts from the current maatregel when it is changed again
      await page.goto(threadUrl);
      await page.getByLabel('Omschrijving van de maatregel').fill('Extra werkgeversbenadering in de zorg');
      await page.getByLabel('Eigenaar').fill('teamleider Matchen');
      await page.getByLabel('Deadline').fill('2024-12-01');
      await page.getByRole('button', { name: 'Maatregel opslaan' }).click();
      await page.getByText('Maatregel opgeslagen.').waitFor();
      await page.reload();
      await expect(page.getByLabel('Omschrijving van de maatregel').inputValue()).resolves.toBe(
        'Extra werkgeversbenadering in de zorg',
      );
      await expect(page.getByLabel('Eigenaar').inputValue()).resolves.toBe('teamleider Matchen');
      await expect(page.getByLabel('Deadline').inputValue()).resolves.toBe('2024-12-01');

      // the quarter screen and the indicator screen: one click from the row as well
      await page.goto(`${server.url}${base}/kwartaal/2024-Q3`);
      const quarterLink = page
        .getByRole('table', { name: 'Overzicht van de afwijkingen' })
        .getByRole('row', { name: new RegExp(UITSTROOM) })
        .locator('a.thread-link');
      await expect.poll(() => quarterLink.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ✓.*Maatregel ✓/s);
      await quarterLink.click();
      await page.waitForURL(/\/afwijkingen\/\d+\?periode=2024-Q3$/);
      expect(new URL(page.url()).pathname).toBe(new URL(threadUrl).pathname);

      await page.goto(`${server.url}${base}/indicator/uitstroom?period=2024-09`);
      const indicatorLink = page.locator('a.thread-link').first();
      await expect.poll(() => indicatorLink.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ✓/);
      await indicatorLink.click();
      await page.waitForURL(/\/afwijkingen\/\d+\?periode=2024-09$/);
      expect(new URL(page.url()).pathname).toBe(new URL(threadUrl).pathname);
      await closePage(page);
    },
    SLOW,
  );
});
