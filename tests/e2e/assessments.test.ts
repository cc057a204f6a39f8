import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, createUser, DEMO_DVO, loggedInPage, logIn, monthTablesDrawn } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// A teamleider of KonnecteD (opdrachtnemer) sets a quarter's status with its narrative and a
// milestone's done-on date through the Indicator screen, and the Maandoverzicht shows both.

let server: RunningServer;
let browser: Browser;
let page: Page;
const indicator = (code: string) => `/dvo/${DEMO_DVO}/indicator/${code}?period=2024-09`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // the beheerder adds the teamleider; the server makes up the password
  const admin = await loggedInPage(browser, server);
  const password = await createUser(admin, {
    username: 'teamleider',
    role: 'opdrachtnemer',
    organisation: 'konnected',
  });
  await admin.context().close();
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  page = await context.newPage();
  await page.goto(server.url);
  await logIn(page, 'teamleider', password);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The agreement's row on the Maandoverzicht of September 2024. */
async function monthRow(name: RegExp) {
  await page.goto(`${server.url}/dvo/${DEMO_DVO}/maand/2024-09`);
  await monthTablesDrawn(page);
  return page.getByRole('row', { name });
}

describe('setting a hand-set status on the Indicator screen', () => {
  it('refuses an empty status with linked errors and focus on the first one, then saves status and narrative', async () => {
    // the demo has set the first two quarters of this agreement; the third is still missing
    const before = await monthRow(/Project Stichting Geef aan Elkaar/);
    await expect(before.locator('td.status-cell').textContent()).resolves.toMatch(
      /^geen gegevensontbreekt: 3e kwartaal 2024/,
    );

    await page.goto(server.url + indicator('kwal_geef_aan_elkaar'));
    await page.getByRole('heading', { name: 'Status vastleggen' }).waitFor();
    await expect(page.getByLabel('Kwartaal', { exact: true }).inputValue()).resolves.toBe('2024-Q3');
    await page.getByRole('button', { name: 'Status opslaan' }).click();

    // focus on the first field in error, its message linked to it
    const first = page.getByRole('radio', { name: 'op koers' });
    await expect.poll(() => first.evaluate((el) => el === document.activeElement)).toBe(true);
    const described = await first.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${described}"]`).textContent();
    expect(message).toMatch(/Kies een status/);
    const narrative = page.getByLabel('Toelichting', { exact: true });
    await expect(narrative.getAttribute('aria-invalid')).resolves.toBe('true');
    const narrativeErrors = await narrative.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? ''),
    );
    expect(narrativeErrors.join(' ')).toMatch(/Schrijf een toelichting/);
    expect(await axeViolations(page)).toEqual([]);

    // with the keyboard: arrow to "aandacht", then write the narrative
    await first.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'aandacht' }).isChecked()).resolves.toBe(true);
    await narrative.fill('Werkgeversbijeenkomst verschoven naar november; twee van de vier acties lopen.');
    await narrative.press('Tab');
    await page.keyboard.press('Enter');

    const saved = page.getByRole('status').filter({ hasText: /^Opgeslagen/ });
    await expect(saved.textContent()).resolves.toBe(
      "Opgeslagen: 3e kwartaal 2024 staat op 'aandacht'. Het Maandoverzicht en het Kwartaaloverleg tonen de nieuwe stand.",
    );
    await expect.poll(() => saved.evaluate((el) => el === document.activeElement)).toBe(true);
    const newest = page.locator('.assessment-log tbody tr').first();
    await expect(newest.textContent()).resolves.toMatch(
      /teamleider.*opdrachtnemer, KonnecteD.*3e kwartaal 2024.*aandacht.*huidig.*Werkgeversbijeenkomst verschoven/,
    );
    expect(await axeViolations(page)).toEqual([]);

    const after = await monthRow(/Project Stichting Geef aan Elkaar/);
    // aandacht is a deviation: the cell also links to its thread
    await expect(after.locator('td.status-cell').textContent()).resolves.toMatch(/^aandachtAfwijking .* openen/);
    await expect(after.textContent()).resolves.toMatch(/Werkgeversbijeenkomst verschoven naar november/);

    await page.goto(`${server.url}/dvo/${DEMO_DVO}/kwartaal/2024-Q3`);
    const qualitative = page.locator('section[aria-labelledby="kwalitatief"]');
    const quarterRow = qualitative.getByRole('row', { name: /Project Stichting Geef aan Elkaar/ });
    await expect(quarterRow.textContent()).resolves.toMatch(/aandacht.*Werkgeversbijeenkomst verschoven naar november/);
  });

  it('sets a milestone’s done-on date with a note, and the Maandoverzicht shows it on track', async () => {
    const before = await monthRow(/Analyse werkleerroute als instrument/);
    await expect(before.locator('td.status-cell').textContent()).resolves.toMatch(/afwijking/);

    await page.goto(server.url + indicator('mijlpaal_analyse_werkleerroute'));
    await page.getByRole('heading', { name: 'Gereedmelding vastleggen' }).waitFor();
    await page.getByLabel('Gereed op').fill('2024-06-25');
    await page.getByLabel(/^Notitie/).fill('Analyse besproken in het kwartaaloverleg van juli.');
    await page.getByRole('button', { name: 'Gereedmelding opslaan' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /^Opgeslagen/ })
        .textContent(),
    ).resolves.toMatch(/^Opgeslagen: gereed op 25 juni 2024\./);
    await expect(page.locator('.assessment-log tbody tr').first().textContent()).resolves.toMatch(
      /teamleider.*gereed op 25 juni 2024.*Analyse besproken/,
    );

    const after = await monthRow(/Analyse werkleerroute als instrument/);
    await expect(after.locator('td.status-cell').textContent()).resolves.toMatch(/op koers/);
    await expect(after.textContent()).resolves.toMatch(/Gereed op 25 juni 2024/);
  });

  it('shows a refusal in Dutch when the quarter is vastgesteld', async () => {
    await page.goto(server.url + indicator('kwal_human_capital_agenda'));
    await page.getByRole('heading', { name: 'Status vastleggen' }).waitFor();
    await page.getByLabel('Kwartaal', { exact: true }).selectOption('2024-Q2');
    // the beheerder locks June meanwhile: the form, loaded before, hears it from the server
    const admin = await loggedInPage(browser, server);
    const locked = await admin.evaluate(async (dvo) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/dvos/${dvo}/periods/2024-06/lock`, {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken },
      });
      return response.status;
    }, DEMO_DVO);
    expect(locked).toBe(200);
    await admin.context().close();
    await page.getByRole('radio', { name: 'op koers' }).check();
    await page.getByLabel('Toelichting', { exact: true }).fill('Alsnog vastgelegd.');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Juni 2024 is vastgesteld, dus de stand van 2e kwartaal 2024 kan niet meer worden gewijzigd. Vraag de opdrachtgever die periode eerst te heropenen.',
    );
    // after a reload the form says so before anything is typed
    await page.reload();
    await page.getByLabel('Kwartaal', { exact: true }).selectOption('2024-Q2');
    await expect(page.getByRole('button', { name: 'Status opslaan' }).isDisabled()).resolves.toBe(true);
  });
});
