import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, closePage, DEMO_DVO, loggedInPage } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// Every screen is a page of its own (issue #13 point 9): its own document title, no sideways page
// scroll from 320 px up (WCAG 1.4.10), no axe violations on a phone, and after a link the focus on
// the new page's h1 (WCAG 2.4.2, 2.4.3).

let server: RunningServer;
let browser: Browser;
let page: Page;
const DVO_PATH = `/dvo/${DEMO_DVO}`;
const WIDTHS = [1400, 412, 320];

interface Screen {
  name: string;
  path: () => string;
  heading: RegExp;
}

let deviationId = 0;
let meetingId = 0;
let indicatorCode = '';

const SCREENS: Screen[] = [
  { name: 'Maandoverzicht', path: () => `${DVO_PATH}/maand/2024-06`, heading: /^Maandoverzicht juni 2024$/ },
  {
    name: 'Kwartaaloverleg',
    path: () => `${DVO_PATH}/kwartaal/2024-Q2`,
    heading: /^Kwartaaloverleg 2e kwartaal 2024$/,
  },
  { name: 'Indicator', path: () => `${DVO_PATH}/indicator/${indicatorCode}?period=2024-06`, heading: /\w/ },
  { name: 'Afwijkingen', path: () => `${DVO_PATH}/afwijkingen?periode=2024-06`, heading: /^Afwijkingen juni 2024$/ },
  { name: 'Afwijking', path: () => `${DVO_PATH}/afwijkingen/${deviationId}`, heading: /^Afwijking / },
  { name: 'Overleggen', path: () => `${DVO_PATH}/overleg`, heading: /^Overleggen$/ },
  { name: 'Overleg', path: () => `${DVO_PATH}/overleg/${meetingId}`, heading: /^Kwartaaloverleg van 12 juli 2024$/ },
  { name: 'Aanleveren', path: () => `${DVO_PATH}/aanleveren`, heading: /^Aanleveren/ },
  { name: 'Afspraken', path: () => `${DVO_PATH}/afspraken`, heading: /^Afspraken/ },
  { name: 'Beheer', path: () => '/beheer', heading: /^Beheer$/ },
  { name: 'Tokens', path: () => '/tokens', heading: /^Mijn API-tokens$/ },
  { name: 'Te doen', path: () => '/te-doen', heading: /^Te doen$/ },
  { name: 'Toegankelijkheid', path: () => '/toegankelijkheid', heading: /^Toegankelijkheidsverklaring$/ },
];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await loggedInPage(browser, server);
  // a deviation thread, a meeting and an agreement to visit, made as a user would (the API the screens use)
  const made = await page.evaluate(async (dvo) => {
    const session = await (await fetch('/api/session')).json();
    const deviations = await (await fetch(`/api/dvos/${dvo}/deviations?period=2024-06`)).json();
    const meeting = await fetch(`/api/dvos/${dvo}/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ type: 'kwartaaloverleg', date: '2024-07-12', period: '2024-Q2' }),
    });
    const indicators = await (await fetch(`/api/dvos/${dvo}/indicators`)).json();
    return {
      deviation: deviations.rows.find((r: { deviationId: number | null }) => r.deviationId !== null)?.deviationId,
      meeting: meeting.status === 201 ? (await meeting.json()).id : null,
      code: indicators.indicators.find((i: { code: string }) => i.code === 'uitstroom')?.code,
    };
  }, DEMO_DVO);
  expect(made).toEqual({ deviation: expect.any(Number), meeting: expect.any(Number), code: 'uitstroom' });
  deviationId = made.deviation;
  meetingId = made.meeting;
  indicatorCode = made.code;
}, 240_000);

afterAll(async () => {
  if (page) await closePage(page);
  await browser?.close();
  await server?.stop();
});

/** The h1 is there and nothing on the page says it is still loading. */
async function settled(target: Page, heading: RegExp): Promise<string> {
  const h1 = target.getByRole('heading', { level: 1, name: heading });
  await h1.waitFor({ timeout: 20_000 });
  await expect.poll(() => target.getByText(/bezig met laden|wordt geladen/i).count(), { timeout: 20_000 }).toBe(0);
  return ((await h1.textContent()) ?? '').trim();
}

/** How far the page itself scrolls sideways (0 when it fits the window). */
function sidewaysScroll(target: Page): Promise<number> {
  return target.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

describe('every screen is a page of its own', () => {
  const titles = new Map<string, string>();

  it.each(SCREENS)(
    '$name: its own title, fits 1400, 412 and 320 px, no axe violations at 412 px',
    async (screen) => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(server.url + screen.path());
        const heading = await settled(page, screen.heading);
        const title = await page.title();
        // the h1 first, then the DVO the screen is about (where it is about one), then the product
        expect(title.startsWith(`${heading} – `) || title === `${heading} – dvo-monitor`).toBe(true);
        expect(title).toMatch(/ – dvo-monitor$/);
        if (screen.path().startsWith(DVO_PATH)) expect(title).toContain('DVO 2024 gemeente Deventer');
        titles.set(screen.name, title);
        expect(await sidewaysScroll(page), `${screen.name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
        if (width === 412) expect(await axeViolations(page), `${screen.name} at 412 px`).toEqual([]);
      }
    },
    120_000,
  );

  it('login: its own title, fits 412 and 320 px, no axe violations', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const login = await context.newPage();
    for (const width of WIDTHS) {
      await login.setViewportSize({ width, height: 900 });
      await login.goto(server.url);
      await login.getByRole('button', { name: 'Inloggen' }).waitFor();
      await expect(login.title()).resolves.toBe('Inloggen – dvo-monitor');
      expect(await sidewaysScroll(login)).toBeLessThanOrEqual(0);
      if (width === 412) expect(await axeViolations(login)).toEqual([]);
    }
    titles.set('Inloggen', await login.title());
    await context.close();
  }, 60_000);

  it('no two screens share a title', () => {
    expect(titles.size).toBe(SCREENS.length + 1);
    expect(new Set(titles.values()).size).toBe(titles.size);
  });
});

describe('focus after a navigation', () => {
  const focusedHeading = (target: Page) =>
    target.evaluate(() => {
      const active = document.activeElement;
      return active?.tagName === 'H1' ? active.textContent : `not the h1 but ${active?.tagName}`;
    });

  it('stays at the top of the document on a first load, and moves to the new h1 after a link', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}${DVO_PATH}/maand/2024-06`);
    await settled(page, /^Maandoverzicht juni 2024$/);
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('BODY');

    // a menu link: the header stays, the page below it is new
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kwartaaloverleg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 2e kwartaal 2024' }).waitFor();
    await expect.poll(() => focusedHeading(page)).toBe('Kwartaaloverleg 2e kwartaal 2024');
    await expect(page.title()).resolves.toMatch(/^Kwartaaloverleg 2e kwartaal 2024 – /);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afspraken' }).click();
    await page.getByRole('heading', { level: 1, name: /^Afspraken/ }).waitFor();
    await expect.poll(() => focusedHeading(page)).toMatch(/^Afspraken/);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Maandoverzicht' }).click();
    await settled(page, /^Maandoverzicht /);
    // a link inside the page, to a screen that loads its data before its h1 appears
    await page.getByRole('link', { name: 'Uitstroom naar werk, school of zelfstandigheid', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Uitstroom naar werk, school of zelfstandigheid' }).waitFor();
    await expect.poll(() => focusedHeading(page)).toBe('Uitstroom naar werk, school of zelfstandigheid');
  }, 60_000);
});

describe('month screen details', () => {
  it('says once that a month outside the DVO year lies outside it, and offers that year’s months', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}${DVO_PATH}/maand/2023-05`);
    await page.getByText('De periode mei 2023 valt buiten het jaar van deze DVO (2024).').waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    const months = page.getByRole('navigation', { name: 'Maanden van 2024' }).getByRole('link');
    await expect(months.count()).resolves.toBe(12);
    await months.filter({ hasText: 'juni' }).click();
    await settled(page, /^Maandoverzicht juni 2024$/);
  });
});
