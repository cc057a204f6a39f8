import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { axeViolations, DEMO_DVO, deliverFigures, monthTablesDrawn } from '../helpers/dashboard.ts';
import type { RunningServer } from '../helpers/server-process.ts';

// What a user sees when they look at each screen (issue #13): no cell whose text runs over the next
// one, no word broken over lines in the narrow article column, a friendly state (not an error box)
// for a period outside the DVO year or a DVO that does not exist, and a figure changed after
// vaststelling marked in the row it belongs to, on the Maandoverzicht and the Kwartaaloverleg.

const SLOW = 120_000;
const DVO_PATH = `/dvo/${DEMO_DVO}`;

let server: RunningServer;
let page: Page;

browserSuite((suite) => {
  ({ server, page } = suite);
});

/** The h1 is there and nothing on the page says it is still loading. */
async function settled(target: Page, heading: RegExp): Promise<void> {
  await target.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 });
  await expect.poll(() => target.getByText(/bezig met laden|wordt geladen/i).count(), { timeout: 20_000 }).toBe(0);
}

/**
 * Table cells whose content is wider than the cell (text running over the next column), with the
 * month page's off-screen chapters laid out first (they are skipped until scrolled to).
 */
function overflowingCells(target: Page): Promise<string[]> {
  return target.evaluate(() => {
    for (const chapter of document.querySelectorAll<HTMLElement>('.chapter')) {
      chapter.style.contentVisibility = 'visible';
    }
    return [...document.querySelectorAll<HTMLElement>('main table td, main table th')]
      .filter((cell) => cell.getClientRects().length > 0 && cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => `${cell.textContent?.trim().slice(0, 60)} (${cell.scrollWidth} > ${cell.clientWidth} px)`);
  });
}

const SCREENS = [
  { path: `${DVO_PATH}/maand/2024-06`, heading: /^Maandoverzicht juni 2024$/ },
  { path: `${DVO_PATH}/kwartaal/2024-Q2`, heading: /^Kwartaaloverleg 2e kwartaal 2024$/ },
  { path: `${DVO_PATH}/indicator/uitstroom?period=2024-06`, heading: /^Uitstroom naar werk/ },
  { path: `${DVO_PATH}/indicator/kwal_samenwerking_partners?period=2024-06`, heading: /^Samenwerking met partners/ },
  { path: `${DVO_PATH}/afwijkingen?periode=2024-06`, heading: /^Afwijkingen juni 2024$/ },
  { path: `${DVO_PATH}/aanleveren`, heading: /^Aanleveren/ },
  { path: `${DVO_PATH}/afspraken`, heading: /^Afspraken/ },
  { path: `${DVO_PATH}/jaarevaluatie`, heading: /^Jaarevaluatie/ },
  { path: '/te-doen', heading: /^Te doen$/ },
  { path: '/beheer', heading: /^Beheer$/ },
];

describe('no text runs over its table cell', () => {
  it.each(SCREENS)(
    '$path at 1400 and 360 px',
    async ({ path, heading }) => {
      for (const width of [1400, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(server.url + path);
        await settled(page, heading);
        if (path.includes('/maand/')) await monthTablesDrawn(page);
        expect(await overflowingCells(page), `${path} at ${width} px`).toEqual([]);
      }
    },
    SLOW,
  );
});

describe('month table details', () => {
  it('keeps only article numbers in the Art. column and shows a section’s words under the agreement', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}${DVO_PATH}/maand/2024-06`);
    await settled(page, /^Maandoverzicht juni 2024$/);
    await monthTablesDrawn(page);
    const articles = await page.locator('.agreements-table tbody td:first-child').allTextContents();
    expect(articles.length).toBeGreaterThan(60);
    expect(articles.filter((a) => !/^(\d+(, \d+)*|–|)$/.test(a.trim()))).toEqual([]);
    // "Ondersteunend personeel" and "Bijlage 3" are sections, not article numbers: they stay readable
    await expect(
      page
        .getByRole('row', { name: /Formatie in fte/ })
        .getByRole('rowheader')
        .textContent(),
    ).resolves.toContain('Ondersteunend personeel');
    await expect(
      page
        .getByRole('row', { name: /Deelnemers Groeien oud/ })
        .getByRole('rowheader')
        .textContent(),
    ).resolves.toContain('Bijlage 3');
    await expect(
      page
        .getByRole('row', { name: /Deelnemers Groeien oud/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('10');
  });
});

describe('a friendly state instead of error boxes', () => {
  it(
    'says once that a quarter outside the DVO year lies outside it, and offers that year’s quarters',
    async () => {
      for (const width of [1400, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}${DVO_PATH}/kwartaal/2023-Q2`);
        await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 2e kwartaal 2023' }).waitFor();
        await page.getByText('De periode 2e kwartaal 2023 valt buiten het jaar van deze DVO (2024).').waitFor();
        await expect(page.getByRole('alert').count()).resolves.toBe(0);
        await expect(page.getByRole('button', { name: /Opnieuw proberen|Vaststellen/ }).count()).resolves.toBe(0);
        expect(await axeViolations(page), `kwartaal buiten het jaar at ${width} px`).toEqual([]);
      }
      const quarters = page.getByRole('navigation', { name: 'Kwartalen van 2024' }).getByRole('link');
      await expect(quarters.count()).resolves.toBe(4);
      await quarters.filter({ hasText: '2e kwartaal 2024' }).click();
      await settled(page, /^Kwartaaloverleg 2e kwartaal 2024$/);
    },
    SLOW,
  );

  it(
    'says once on the Indicator that a month outside the DVO year lies outside it, and offers that year’s months',
    async () => {
      for (const width of [1400, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}${DVO_PATH}/indicator/uitstroom?period=2023-06`);
        await page.getByRole('heading', { level: 1, name: 'Uitstroom naar werk, school of zelfstandigheid' }).waitFor();
        await page.getByText('De periode juni 2023 valt buiten het jaar van deze DVO (2024).').waitFor();
        await expect(page.getByRole('alert').count()).resolves.toBe(0);
        await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
        expect(await axeViolations(page), `indicator buiten het jaar at ${width} px`).toEqual([]);
      }
      await page.getByRole('navigation', { name: 'Maanden van 2024' }).getByRole('link', { name: 'maart' }).click();
      await page.waitForURL(/\/indicator\/uitstroom\?period=2024-03$/);
      await page.getByRole('heading', { level: 2, name: 'Verloop 2024' }).waitFor();
    },
    SLOW,
  );

  it(
    'says once that a DVO does not exist, and offers the user’s DVOs',
    async () => {
      for (const path of ['/dvo/bestaat-niet/maand/2024-06', '/dvo/bestaat-niet/kwartaal/2024-Q2']) {
        await page.goto(server.url + path);
        await page.getByRole('heading', { level: 1, name: 'DVO niet gevonden' }).waitFor();
        await expect(page.getByRole('alert').count()).resolves.toBe(0);
        await expect(page.title()).resolves.toBe('DVO niet gevonden – dvo-monitor');
      }
      await page.getByRole('navigation', { name: "Uw DVO's" }).getByRole('link').first().click();
      await settled(page, /^Maandoverzicht /);
    },
    SLOW,
  );
});

describe('a page that does not exist', () => {
  it(
    'says so and leads back to the Maandoverzicht',
    async () => {
      await page.setViewportSize({ width: 360, height: 900 });
      await page.goto(`${server.url}/bestaat-niet`);
      await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
      await page.getByRole('link', { name: 'Naar het maandoverzicht' }).click();
      await settled(page, /^Maandoverzicht /);
    },
    SLOW,
  );
});

describe('gewijzigd na vaststelling, per row', () => {
  it(
    'marks the changed agreement on the Maandoverzicht and the Kwartaaloverleg of a quarter vastgesteld, corrected and vastgesteld again',
    async () => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${server.url}${DVO_PATH}/maand/2024-06`);
      await settled(page, /^Maandoverzicht juni 2024$/);
      const lock = (action: 'lock' | 'unlock') =>
        page.evaluate(
          async ({ dvo, action }) => {
            const session = await (await fetch('/api/session')).json();
            const response = await fetch(`/api/dvos/${dvo}/periods/2024-Q2/${action}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
              body: '{}',
            });
            return response.status;
          },
          { dvo: DEMO_DVO, action },
        );
      await expect(lock('lock')).resolves.toBe(200);
      await expect(lock('unlock')).resolves.toBe(200);
      const corrected = [
        { indicator: 'uitstroom', period: '2024-05', segment: 'matchen', value: 2, comment: 'telfout' },
      ];
      await expect(deliverFigures(page, DEMO_DVO, corrected)).resolves.toBe(201);
      await expect(lock('lock')).resolves.toBe(200);

      await page.goto(`${server.url}${DVO_PATH}/maand/2024-06`);
      await settled(page, /^Maandoverzicht juni 2024$/);
      await monthTablesDrawn(page);
      await page.getByRole('heading', { level: 2, name: 'Gewijzigd na vaststelling' }).waitFor();
      const marked = page.locator('.agreements-table tbody tr').filter({ hasText: 'gewijzigd na vaststelling' });
      await expect.poll(() => marked.count()).toBe(1);
      await expect(marked.getByRole('rowheader').textContent()).resolves.toBe(
        'Uitstroom naar werk, school of zelfstandigheid',
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}${DVO_PATH}/kwartaal/2024-Q2`);
      await settled(page, /^Kwartaaloverleg 2e kwartaal 2024$/);
      const panel = page.getByRole('region', { name: 'Gewijzigd na vaststelling' });
      await panel.waitFor();
      await expect(panel.textContent()).resolves.toMatch(
        /Uitstroom naar werk, school of zelfstandigheid \(matchen\).*mei 2024/,
      );
      const overview = page.getByRole('table', { name: 'Overzicht van de afwijkingen' });
      const row = overview.getByRole('row', { name: /^Uitstroom naar werk, school of zelfstandigheid / });
      await expect(row.textContent()).resolves.toContain('gewijzigd na vaststelling');
      await expect(overview.locator('tbody tr').filter({ hasText: 'gewijzigd na vaststelling' }).count()).resolves.toBe(
        1,
      );
      for (const width of [1400, 360]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(page), `kwartaaloverleg at ${width} px`).toEqual([]);
      }
    },
    SLOW,
  );
});
