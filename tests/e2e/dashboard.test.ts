import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import {
  axeViolations,
  closePage,
  DEMO_DVO,
  deliverFigures,
  loggedInPage,
  monthTablesDrawn,
} from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

let server: RunningServer;
let browser: Browser;
const month = (m: string) => `/dvo/${DEMO_DVO}/maand/${m}`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The status text of every agreement row (not segment rows) in the month tables. */
async function agreementStatuses(page: Page): Promise<string[]> {
  return page.locator('.agreements-table tbody tr:not(.segment-row) td.status-cell > .status').allTextContents();
}

// a real server and browser on a shared two-core machine: printing a long page to PDF alone can take 30 s
describe('maandoverzicht, kwartaaloverleg and indicator detail with the demo data', { timeout: 120_000 }, () => {
  it('opens at the latest month with data after login, with every agreement by chapter', async () => {
    const page = await loggedInPage(browser, server);
    expect(page.url()).toMatch(new RegExp(`${month('2024-09')}$`));
    await page.getByRole('heading', { level: 1, name: 'Maandoverzicht september 2024' }).waitFor();
    await page.getByRole('heading', { name: /^Samenvatting: \d+ afspraken$/ }).waitFor();
    await monthTablesDrawn(page);
    const chapters = await page.locator('section.chapter h2').allTextContents();
    expect(chapters.slice(0, 4)).toEqual(['Wsw', 'Matchen en Groeien', 'Matchen', 'Groeien']);
    // drawn a few rows at a time, yet in the end every agreement is there exactly once
    const summary = await page.getByRole('heading', { name: /^Samenvatting/ }).textContent();
    const links = await page
      .locator('.agreements-table tbody tr:not(.segment-row)')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-href')));
    expect(new Set(links).size).toBe(links.length);
    expect(links.length).toBe(Number(/(\d+) afspraken/.exec(summary ?? '')?.[1]));
    const uitstroom = page.getByRole('row', { name: /Uitstroom naar werk, school of zelfstandigheid/ });
    await expect(uitstroom.textContent()).resolves.toMatch(/min\. 300/);
    // the sparkline fills in when the course of the months arrives (GET /series), after the table itself
    await expect
      .poll(() => uitstroom.locator('svg.sparkline').getAttribute('aria-label'), { timeout: 15_000 })
      .toMatch(/^Verloop van de realisatie: januari \d+, februari \d+/);
    await closePage(page);
  });

  it('filters by status and chapter and keeps the filter in the URL, so the screen can be shared', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(server.url + month('2024-06'));
    await page.getByRole('checkbox', { name: 'afwijking' }).check();
    await page.waitForURL(/status=off_track/);
    await expect.poll(async () => new Set(await agreementStatuses(page))).toEqual(new Set(['afwijking']));
    expect((await agreementStatuses(page)).length).toBeGreaterThan(2);
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /van \d+ afspraken getoond/ })
        .count(),
    ).resolves.toBe(1);

    await page.getByLabel('Hoofdstuk').selectOption('Groeien');
    await page.waitForURL(/hoofdstuk=Groeien/);
    await expect.poll(() => page.locator('section.chapter h2').allTextContents()).toEqual(['Groeien']);

    const shared = await browser.newPage();
    await shared.context().addCookies(await page.context().cookies());
    await shared.goto(page.url());
    await shared.getByRole('heading', { level: 2, name: 'Groeien' }).waitFor();
    await expect(shared.getByRole('checkbox', { name: 'afwijking' }).isChecked()).resolves.toBe(true);
    await expect(agreementStatuses(shared)).resolves.toEqual(await agreementStatuses(page));
    await shared.close();

    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByRole('link', { name: /^\d+ aandacht\b.*toon deze afspraken/ }).click();
    await page.waitForURL(/status=attention/);
    await expect.poll(async () => new Set(await agreementStatuses(page))).toEqual(new Set(['aandacht']));
    await closePage(page);
  });

  it('shows only the agreements of the programmabegroting when asked, on Maandoverzicht and Afspraken', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(server.url + month('2024-09'));
    await monthTablesDrawn(page);
    await page.getByRole('checkbox', { name: /Alleen programmabegroting/ }).check();
    await page.waitForURL(/programmabegroting=1/);
    // art. 7, 20, 23, 26, 29 and 43 carry a * in the DVO
    const names = () => page.locator('.agreements-table tbody tr:not(.segment-row) th a').allTextContents();
    await expect
      .poll(names)
      .toEqual([
        'Uitstroom naar werk, school of zelfstandigheid',
        'Leerlingen VSO/PrO naar een passende werkplek',
        'Integrale jongerenaanpak en jongerenloket',
        'Dienstverbanden beschut werk',
        'Taal & Werk voor statushouders Wi2021 (B1-route)',
        'Human Capital Agenda Deventer',
      ]);

    await page.getByRole('link', { name: 'Afspraken' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Afspraken/ }).waitFor();
    const rows = page.locator('table.data-table tbody tr');
    const all = await rows.count();
    await page.getByRole('checkbox', { name: /Alleen afspraken in de programmabegroting/ }).check();
    await page.waitForURL(/programmabegroting=1/);
    await expect.poll(() => rows.count()).toBe(6);
    expect(all).toBeGreaterThan(6);
    await expect(page.getByText('programmabegroting', { exact: true }).count()).resolves.toBe(6);
    await closePage(page);
  });

  it('calls a capacity cap exceeded more demand than funded, not a shortfall (art. 35)', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(`${server.url}${month('2024-09')}?hoofdstuk=Dienstverlening`);
    await monthTablesDrawn(page);
    const aanvragers = page.getByRole('row', { name: /Aanvragers uitkering in basisdienstverlening/ });
    await expect(aanvragers.textContent()).resolves.toMatch(/aandacht\s*meer vraag dan de gefinancierde capaciteit/);
    // within the cap: no such words
    const gesprekken = page.getByRole('row', { name: /^35 Ambitiegesprekken/ });
    await expect(gesprekken.textContent()).resolves.not.toMatch(/gefinancierde capaciteit/);
    await closePage(page);
  });

  it('opens the indicator detail from a number and shows the figures as they were known on a date', async () => {
    const page = await loggedInPage(browser, server);
    const status = await deliverFigures(page, DEMO_DVO, [
      {
        indicator: 'uitstroom',
        period: '2024-03',
        segment: 'matchen',
        value: 23,
        comment: 'Na controle vier plaatsingen toegevoegd',
      },
    ]);
    expect(status).toBeLessThan(300);
    await page.goto(server.url + month('2024-06'));
    const row = page.getByRole('row', { name: /Uitstroom naar werk, school of zelfstandigheid/ });
    // the number links are plain anchors handled by the app: the page must not reload
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    await row.locator('a.number-link').first().click();
    await page.waitForURL(/\/indicator\/uitstroom\?period=2024-06/);
    await page.getByRole('heading', { level: 1, name: 'Uitstroom naar werk, school of zelfstandigheid' }).waitFor();
    await expect(page.evaluate(() => 'stillTheSamePage' in window)).resolves.toBe(true);

    const stand = page.locator('section:has(#stand) tbody tr').first();
    await expect(stand.locator('td').first().textContent()).resolves.toBe('185');
    const history = page.locator('.revisions-table');
    await history.getByText('gecorrigeerd, was 19').waitFor();
    await expect(history.textContent()).resolves.toMatch(/Na controle vier plaatsingen toegevoegd/);

    await page.getByLabel('Zoals bekend op').fill('2024-07-15');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/asOf=2024-07-15/);
    await page.getByText('zoals ze bekend waren op 15 juli 2024').waitFor();
    await expect.poll(() => stand.locator('td').first().textContent()).toBe('181');
    await history.getByText('geldig op gekozen datum').first().waitFor();

    await page.getByRole('button', { name: 'Laatste stand' }).click();
    await page.waitForURL((url) => !url.search.includes('asOf'));
    await expect.poll(() => stand.locator('td').first().textContent()).toBe('185');
    await closePage(page);
  });

  it('puts the deviations first in the kwartaaloverleg, then werkladder, verzuim, beschut and qualitative', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(`${server.url}/dvo/${DEMO_DVO}/kwartaal/2024-Q2`);
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 2e kwartaal 2024' }).waitFor();
    await page.locator('.deviation').first().waitFor();
    // visible headings only: the closed Vaststellen dialog holds an h2 a user does not see
    const sections = await page.locator('main h2:visible').allTextContents();
    expect(sections[0]).toBe('Afwijkingen');
    expect(sections).toEqual(
      expect.arrayContaining([
        'Werkladder (Cedris)',
        'Verzuim Wsw',
        'Beschut werk',
        'Kwalitatieve afspraken en mijlpalen',
      ]),
    );
    const order = { afwijking: 0, aandacht: 1, 'geen gegevens': 2 } as Record<string, number>;
    const ranks = (await page.locator('.deviation .deviation-head .status').allTextContents()).map((s) => order[s]);
    expect(ranks[0]).toBe(0);
    expect(ranks).toEqual([...ranks].sort());
    await page.locator('.deviation', { hasText: 'Duale trajecten' }).getByText('Ontbreekt: 2e kwartaal 2024').waitFor();

    const matrix = page.getByRole('table', { name: /Bewegingen in het 2e kwartaal 2024/ });
    await expect(matrix.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Van \\ naar',
      'intern',
      'groepsdetachering',
      'individuele detachering',
      'begeleid werken',
      'Totaal uit',
    ]);
    const balance = page.getByRole('table', { name: /Sluit de verdeling aan/ });
    await expect(balance.locator('tbody tr').count()).resolves.toBe(4);
    await expect(balance.locator('tbody tr td:last-child').allTextContents()).resolves.toEqual([
      'sluit',
      'sluit',
      'sluit',
      'sluit',
    ]);
    const verzuim = page.locator('section:has(#verzuim)');
    await verzuim.getByText('Tabel: verzuim per maand').click();
    await expect(verzuim.locator('tbody tr').count()).resolves.toBe(6);
    const cells = await verzuim.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(cells[0]).toBe('januari 2024');
    expect(cells[3]).toMatch(/^\d+,\d%$/);
    await page
      .locator('section:has(#beschut)')
      .getByText(/bandbreedte van 72 tot 129 plaatsen/)
      .waitFor();
    await page
      .locator('section:has(#kwalitatief)')
      .getByText(/Werkstap-gesprekken/)
      .waitFor();
    await closePage(page);
  });

  it('goes where the user clicked, also when the landing month is found while that screen still loads', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    // hold back the landing month's lookup (the evaluation at December) and the catalogue screen's code
    let answerLookup = () => {};
    const lookupHeld = new Promise<void>((resolve) => {
      answerLookup = resolve;
    });
    let sendScreen = () => {};
    const screenHeld = new Promise<void>((resolve) => {
      sendScreen = resolve;
    });
    await page.route(/\/status\?period=2024-12/, async (route) => {
      await lookupHeld;
      await route.continue();
    });
    await page.route(/catalogue-page-[^/]*\.js$/, async (route) => {
      await screenHeld;
      await route.continue();
    });
    await page.goto(server.url);
    await page.getByLabel('Gebruikersnaam').fill('beheerder');
    await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Bezig met het zoeken van de laatste maand met gegevens').waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afspraken' }).click();
    // the landing month is found while the catalogue screen is still on its way
    const lookup = page.waitForResponse(/\/status\?period=2024-12/);
    answerLookup();
    await lookup;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    sendScreen();
    await page.getByRole('heading', { level: 1, name: /Afspraken/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dvo/${DEMO_DVO}/afspraken`);
    await context.close();
  });

  it('keeps DVO and period across screens and moves a month with the buttons and the shortcuts', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(server.url + month('2024-06'));
    await page.getByText(/Sneltoetsen:/).waitFor();
    await page.getByRole('button', { name: /Volgende maand/ }).click();
    await page.waitForURL(new RegExp(`${month('2024-07')}$`));
    await page.locator('h1').click();
    await page.keyboard.press(']');
    await page.waitForURL(new RegExp(`${month('2024-08')}$`));
    await page.keyboard.press('Alt+PageUp');
    await page.waitForURL(new RegExp(`${month('2024-07')}$`));
    await page.keyboard.press('[');
    await page.waitForURL(new RegExp(`${month('2024-06')}$`));
    await page.getByRole('heading', { level: 1, name: 'Maandoverzicht juni 2024' }).waitFor();

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kwartaaloverleg' }).click();
    await page.waitForURL(/\/kwartaal\/2024-Q2$/);
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 2e kwartaal 2024' }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afspraken' }).click();
    await page.waitForURL(/\/afspraken$/);
    await page.getByRole('heading', { level: 1, name: /Afspraken/ }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Maandoverzicht' }).click();
    await page.waitForURL(new RegExp(`${month('2024-06')}$`));

    // a shortcut typed into a field is text, not navigation
    await page.getByRole('heading', { level: 1, name: 'Maandoverzicht juni 2024' }).waitFor();
    await page.getByRole('link', { name: 'Uitstroom naar werk, school of zelfstandigheid', exact: true }).click();
    await page.getByLabel('Zoals bekend op').focus();
    await page.keyboard.press(']');
    expect(page.url()).toMatch(/period=2024-06/);
    await page.locator('h1').click();
    await page.keyboard.press(']');
    await page.waitForURL(/indicator\/uitstroom\?period=2024-07/);
    await closePage(page);
  });

  it('works with the keyboard alone: tab through the month screen and open an indicator', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(server.url + month('2024-06'));
    await page.locator('.agreements-table').first().waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    const target = 'Uitstroom naar werk, school of zelfstandigheid';
    let found = false;
    for (let i = 0; i < 120 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((t) => document.activeElement?.textContent === t, target);
    }
    expect(found).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/indicator\/uitstroom\?period=2024-06/);
    await page.getByRole('heading', { level: 1, name: target }).waitFor();
    await closePage(page);
  });

  it('has no WCAG 2.1 A/AA violations on any screen', { timeout: 180_000 }, async () => {
    const page = await loggedInPage(browser, server);
    const screens = [
      month('2024-06'),
      `${month('2024-06')}?status=off_track&hoofdstuk=Groeien`,
      `/dvo/${DEMO_DVO}/kwartaal/2024-Q2`,
      `/dvo/${DEMO_DVO}/indicator/uitstroom?period=2024-06`,
      `/dvo/${DEMO_DVO}/indicator/groeien_zittend_uitstroom?period=2024-06&asOf=2024-07-15`,
      `/dvo/${DEMO_DVO}/indicator/kwal_werkstap_methodiek?period=2024-06`,
      `/dvo/${DEMO_DVO}/afspraken`,
    ];
    const problems: string[] = [];
    for (const path of screens) {
      await page.goto(server.url + path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      // charts are drawn as they come near the window, and all at once for print: show the page as
      // print for a moment so every chart is drawn, then check the screen as it is
      await page.emulateMedia({ media: 'print' });
      await page.emulateMedia({ media: null });
      await page
        .locator('.chart-loading, .message-loading')
        .first()
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => {});
      // open every chart table and render every off-screen chapter, so axe checks all of it
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        for (const c of document.querySelectorAll<HTMLElement>('.chapter')) c.style.contentVisibility = 'visible';
      });
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
    }
    expect(problems).toEqual([]);
    await closePage(page);
  });

  it('prints the kwartaaloverleg on A4 without navigation, with charts that fit the page', async () => {
    const page = await loggedInPage(browser, server);
    await page.goto(`${server.url}/dvo/${DEMO_DVO}/kwartaal/2024-Q2`);
    await page.locator('.deviation').first().waitFor();
    // on screen a chart is drawn when it comes near the window; on paper every chart must be there
    const drawn = () =>
      page.evaluate(
        () => [...document.querySelectorAll('.chart')].filter((c) => c.querySelector('.recharts-surface')).length,
      );
    const charts = await page.locator('.chart').count();
    expect(charts).toBeGreaterThan(3);
    await expect(drawn()).resolves.toBeLessThan(charts);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(drawn, { timeout: 30_000 }).toBe(charts);
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: /Afdrukken/ }).isVisible()).resolves.toBe(false);
    const widest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('.chart')].map((c) => c.getBoundingClientRect().width)),
    );
    // A4 portrait minus 2 × 12 mm margin is about 703 CSS pixels
    expect(widest).toBeLessThanOrEqual(703);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await closePage(page);
  });

  it('keeps the rest of the page when one panel fails', async () => {
    const page = await loggedInPage(browser, server);
    await page.route('**/api/dvos/*/figures?**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Er ging iets mis aan de kant van de server.' } }),
      }),
    );
    await page.goto(`${server.url}/dvo/${DEMO_DVO}/kwartaal/2024-Q2`);
    await page.getByRole('alert').filter({ hasText: 'Kon de werkladder niet laden' }).waitFor({ timeout: 20_000 });
    await expect(page.locator('.deviation').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Opnieuw proberen' }).first().waitFor();
    await closePage(page);
  });
});
