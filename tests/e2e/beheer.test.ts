import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

const DVO = 'deventer-konnected-2024';
// a real server and two browsers on a shared machine: allow more than the default 30 s per step
const SLOW = 120_000;
const XSS = '<img src=x onerror=alert(1)>';

let server: RunningServer;
let browser: Browser;
let page: Page;
/** Every alert/confirm/prompt the pages open; the product opens none, so any is injected script. */
const dialogs: string[] = [];

async function logIn(target: Page, username: string, password: string) {
  await target.getByLabel('Gebruikersnaam').fill(username);
  await target.getByLabel('Wachtwoord').fill(password);
  await target.getByRole('button', { name: 'Inloggen' }).click();
}

/** Logs in and answers with the status of the login request (200, or 401 for a refused password). */
async function logInStatus(target: Page, username: string, password: string): Promise<number> {
  const [response] = await Promise.all([
    target.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'POST'),
    logIn(target, username, password),
  ]);
  return response.status();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(server.url);
  await logIn(page, 'beheerder', server.beheerderPassword as string);
  // the landing redirects to the month screen; a click during those redirects would be overruled
  await page.waitForURL(/\/maand\/\d{4}-\d{2}$/);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(target: Page, state: string) {
  const result = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

/** Nothing sticks out to the right, so nobody scrolls sideways to find a button. */
async function expectNoWideContent(target: Page) {
  const [scrollWidth, width] = await target.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

const isFocused = (target: Page, name: string | RegExp) =>
  target.getByRole('region', { name }).evaluate((el) => el === document.activeElement);

/** The row of a user in the users table, as its cells read. */
async function userRow(username: string) {
  // the row itself, not the management panel under it (whose name also starts with the username)
  const row = page
    .getByRole('table', { name: 'Gebruikers, op naam' })
    .getByRole('row', { name: new RegExp(`^${username}\\b.*(Beheren|Sluiten) ${username}$`) });
  return row.locator('th, td').allTextContents();
}

/** Opens the management panel under a user's row. */
async function manage(username: string) {
  const toggle = page.getByRole('button', { name: `Beheren ${username}`, exact: true });
  if ((await toggle.count()) > 0) await toggle.click();
  const panel = page.getByRole('region', { name: `${username} beheren` });
  await panel.waitFor();
  return panel;
}

function deliverWithToken(token: string) {
  return fetch(`${server.url}/api/dvos/${DVO}/figures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ figures: [{ indicator: 'lks_nieuw', period: '2024-10', value: 2 }] }),
  });
}

describe('Beheer: a beheerder manages users and sees who changed what', { timeout: SLOW }, () => {
  let firstPassword = '';
  let teamleiderContext: BrowserContext;
  let teamleider: Page;

  afterAll(async () => {
    await teamleiderContext?.close();
  });

  it('opens Beheer from the main menu with users, audit log and tokens', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/beheer');
    for (const name of ['Gebruikers', 'Auditlog', 'API-tokens']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    await expect(userRow('beheerder')).resolves.toEqual([
      'beheerderuzelf',
      'beheerder',
      '–',
      'actief',
      expect.stringMatching(/^\d{1,2} \w+ \d{4} om \d\d:\d\d$/),
      'Beheren beheerder',
    ]);
    // the demo history: deliveries by KonnecteD, in Dutch
    await page.getByRole('cell', { name: 'Cijfers aangeleverd' }).first().waitFor();
    await page.screenshot({ path: '/tmp/beheer-overzicht.png' });
    await expectNoWideContent(page);
    await expectNoAxeViolations(page, 'beheer');
  });

  it('adds a team leader and shows the generated password once, with the focus on it', async () => {
    const form = page.getByRole('form', { name: 'Gebruiker toevoegen' });
    await form.getByLabel('Gebruikersnaam').fill('teamleider');
    await form.getByLabel('Rol').selectOption('opdrachtnemer');
    // an opdrachtnemer belongs to a werkbedrijf: the gemeente is not offered
    await expect(form.getByLabel('Organisatie').locator('option').allTextContents()).resolves.toEqual([
      'kies een organisatie',
      'KonnecteD',
    ]);
    await form.getByLabel('Organisatie').selectOption('konnected');
    await form.getByRole('button', { name: 'Toevoegen' }).click();

    const box = page.getByRole('region', { name: 'Wachtwoord voor teamleider' });
    await box.waitFor();
    await expect(isFocused(page, 'Wachtwoord voor teamleider')).resolves.toBe(true);
    await expect(box.textContent()).resolves.toContain('Dit wachtwoord wordt niet nog een keer getoond.');
    firstPassword = (await box.locator('code').textContent()) ?? '';
    expect(firstPassword).toMatch(/^[\w-]{16}$/);

    await box.getByRole('button', { name: 'Kopiëren' }).click();
    await box.getByRole('status').filter({ hasText: 'Gekopieerd naar het klembord.' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(firstPassword);

    await expect(userRow('teamleider')).resolves.toEqual([
      'teamleider',
      'opdrachtnemer',
      'KonnecteD',
      'actief',
      expect.stringMatching(/ om /),
      'Beheren teamleider',
    ]);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-nieuwe-gebruiker.png' });
    await expectNoAxeViolations(page, 'nieuwe gebruiker');

    await box.getByRole('button', { name: 'Sluiten' }).click();
    await expect(box.count()).resolves.toBe(0);
    await expect(form.getByLabel('Gebruikersnaam').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it("shows the server's reason next to the action when it refuses", async () => {
    const form = page.getByRole('form', { name: 'Gebruiker toevoegen' });
    await form.getByLabel('Gebruikersnaam').fill('teamleider');
    await form.getByLabel('Organisatie').selectOption('konnected');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toBe("Gebruiker 'teamleider' bestaat al.");
    await form.getByLabel('Gebruikersnaam').fill('');

    // the only beheerder cannot switch themselves off
    const panel = await manage('beheerder');
    await panel.getByRole('button', { name: 'Uitschakelen' }).click();
    const confirm = panel.getByRole('button', { name: 'Ja, uitschakelen' });
    await expect(confirm.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await confirm.click();
    await expect(panel.getByRole('alert').textContent()).resolves.toBe(
      'Er moet minstens één actieve beheerder blijven.',
    );
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-fout.png' });
    await expectNoAxeViolations(page, 'fout');
    await page.getByRole('button', { name: 'Sluiten beheerder', exact: true }).click();
    // still logged in
    await page.getByRole('heading', { level: 2, name: 'Gebruikers' }).waitFor();
  });

  it('lets the team leader log in elsewhere with that password, without Beheer', async () => {
    teamleiderContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    teamleider = await teamleiderContext.newPage();
    teamleider.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await teamleider.goto(`${server.url}/beheer`);
    await logIn(teamleider, 'teamleider', firstPassword);
    await teamleider.getByText('Alleen voor beheerders.').waitFor();
    await teamleider.screenshot({ path: '/tmp/beheer-geen-toegang.png' });
    await expectNoAxeViolations(teamleider, 'geen toegang');
    await expect(
      teamleider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).count(),
    ).resolves.toBe(0);
    await teamleider.goto(`${server.url}/dvo/${DVO}/aanleveren`);
    await teamleider.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  });

  it('disabling the user logs them out on their next request', async () => {
    const panel = await manage('teamleider');
    await panel.getByRole('button', { name: 'Uitschakelen' }).click();
    await panel.getByText(/^teamleider uitschakelen\? Wie ingelogd is, wordt meteen uitgelogd/).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-bevestigen.png' });
    await expectNoAxeViolations(page, 'bevestigen');
    await panel.getByRole('button', { name: 'Ja, uitschakelen' }).click();
    await panel.getByRole('status').filter({ hasText: 'teamleider is uitgeschakeld.' }).waitFor();
    await expect(userRow('teamleider')).resolves.toContain('uitgeschakeld');
    await panel.getByRole('button', { name: 'Weer inschakelen' }).waitFor();

    await teamleider.reload();
    await teamleider.getByRole('button', { name: 'Inloggen' }).waitFor();
    await expect(logInStatus(teamleider, 'teamleider', firstPassword)).resolves.toBe(401);
    await teamleider.getByRole('alert').waitFor();
  });

  it('enables the user again and gives them a new password, shown once', async () => {
    const panel = await manage('teamleider');
    await panel.getByRole('button', { name: 'Weer inschakelen' }).click();
    await panel.getByRole('button', { name: 'Ja, inschakelen' }).click();
    await panel.getByRole('status').filter({ hasText: 'teamleider is weer ingeschakeld.' }).waitFor();

    await panel.getByRole('button', { name: 'Nieuw wachtwoord maken' }).click();
    await panel.getByRole('button', { name: 'Ja, nieuw wachtwoord' }).click();
    const box = panel.getByRole('region', { name: 'Nieuw wachtwoord voor teamleider' });
    await box.waitFor();
    await expect(isFocused(page, 'Nieuw wachtwoord voor teamleider')).resolves.toBe(true);
    const secondPassword = (await box.locator('code').textContent()) ?? '';
    expect(secondPassword).toMatch(/^[\w-]{16}$/);
    expect(secondPassword).not.toBe(firstPassword);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-wachtwoord.png' });
    await expectNoAxeViolations(page, 'nieuw wachtwoord');

    await expect(logInStatus(teamleider, 'teamleider', firstPassword)).resolves.toBe(401);
    await expect(logInStatus(teamleider, 'teamleider', secondPassword)).resolves.toBe(200);
    await teamleider.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  });

  it('lists these actions in the audit log in Dutch, newest first', async () => {
    const log = page.getByRole('table', { name: 'Auditlog, nieuwste eerst' });
    const rows = log.getByRole('row');
    // header, then: new password, enabled, disabled, failed self-disable (not logged), created
    const cells = async (n: number) => (await rows.nth(n).locator('td').allTextContents()).slice(1, 5);
    await expect.poll(() => cells(1)).toEqual(['beheerder', 'Nieuw wachtwoord ingesteld', 'gebruiker teamleider', '–']);
    expect(await cells(2)).toEqual([
      'beheerder',
      'Gebruiker gewijzigd',
      'gebruiker teamleider',
      expect.stringMatching(/^uitgeschakeld: ja → neeGegevens/),
    ]);
    expect(await cells(3)).toEqual([
      'beheerder',
      'Gebruiker gewijzigd',
      'gebruiker teamleider',
      expect.stringMatching(/^uitgeschakeld: nee → jaGegevens/),
    ]);
    expect((await cells(4)).slice(0, 3)).toEqual(['beheerder', 'Gebruiker toegevoegd', 'gebruiker teamleider']);
    await expect(rows.nth(4).textContent()).resolves.toContain('rol: opdrachtnemer');
    // no password in the log, not even in the raw data
    await expect(log.textContent()).resolves.not.toContain(firstPassword);

    await rows.nth(3).getByText('Gegevens').click();
    await expect(rows.nth(3).locator('pre').allTextContents()).resolves.toEqual([
      expect.stringContaining('"disabled": false'),
      expect.stringContaining('"disabled": true'),
    ]);
    await page.getByRole('heading', { level: 2, name: 'Auditlog' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-auditlog.png' });
    await expectNoAxeViolations(page, 'auditlog');
  });

  it('loads older entries with "Meer laden"', async () => {
    // enough writes for a second page of 50, whatever the demo history holds
    const codes = await page.evaluate(async () => {
      const session = await (await fetch('/api/session')).json();
      const codes: number[] = [];
      for (let i = 0; i < 50; i++) {
        const response = await fetch('/api/admin/users/teamleider', {
          method: 'PATCH',
          headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ disabled: false }),
        });
        codes.push(response.status);
      }
      return [...new Set(codes)];
    });
    expect(codes).toEqual([200]);
    await page.reload();
    const rows = page.getByRole('table', { name: 'Auditlog, nieuwste eerst' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(51);
    const status = page.getByRole('status').filter({ hasText: /regels getoond/ });
    await expect(status.textContent()).resolves.toBe('50 regels getoond.');

    // the same entries, in the same order (newest recorded first), as one big request
    const all: string[] = await page.evaluate(async () =>
      (await (await fetch('/api/admin/audit?limit=500')).json()).entries.map((e: { at: string }) => e.at),
    );
    const more = page.getByRole('button', { name: 'Meer laden' });
    while ((await rows.count()) - 1 < all.length) {
      const before = await rows.count();
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    await expect(status.textContent()).resolves.toBe(`${all.length} regels getoond; dit is alles.`);
    await expect(more.count()).resolves.toBe(0);
    const shown = await rows.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect(shown).toEqual(all);
  });
});

describe('Mijn API-tokens: any user makes a token for scripts', { timeout: SLOW }, () => {
  let token = '';

  it('creates a token from the user box, shown once with how to use it', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'API-tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn API-tokens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tokens');
    await page.getByLabel('Naam van het token').fill('levering-script');
    await page.getByRole('button', { name: 'Token aanmaken' }).click();

    const box = page.getByRole('region', { name: 'Token „levering-script”' });
    await box.waitFor();
    await expect(isFocused(page, 'Token „levering-script”')).resolves.toBe(true);
    token = (await box.locator('code.beheer-secret-value').textContent()) ?? '';
    expect(token).toMatch(/^dvo_/);
    await expect(box.locator('pre').textContent()).resolves.toBe(
      `curl -H "Authorization: Bearer <token>" -F file=@levering.csv ${server.url}/api/dvos/${DVO}/imports`,
    );
    await page.screenshot({ path: '/tmp/beheer-token.png', fullPage: true });
    await expectNoAxeViolations(page, 'token');

    const response = await deliverWithToken(token);
    expect(response.status).toBe(201);
  });

  it('revoking it on the page shuts the script out', async () => {
    await page.reload();
    const row = page.getByRole('row', { name: /^levering-script/ });
    await expect(row.locator('td').nth(1).textContent()).resolves.toMatch(/ om /);
    await row.getByRole('button', { name: 'Intrekken levering-script' }).click();
    await row.getByRole('button', { name: 'Ja, intrekken' }).click();
    const done = row.getByRole('status').filter({ hasText: 'Ingetrokken.' });
    await done.waitFor();
    await expect(done.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(row.locator('td').nth(2).textContent()).resolves.toMatch(/^ingetrokken \d/);

    const response = await deliverWithToken(token);
    expect(response.status).toBe(401);
  });

  it('shows a label with HTML in it as text and runs none of it', async () => {
    await page.getByLabel('Naam van het token').fill(XSS);
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    await page.getByRole('region', { name: `Token „${XSS}”` }).waitFor();
    await page.getByRole('rowheader', { name: XSS, exact: true }).waitFor();
    await expect(page.locator('img').count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/beheer-tokens.png', fullPage: true });
    await expectNoWideContent(page);
    await expectNoAxeViolations(page, 'tokens');

    // and on the Beheer page: the token list and the audit log
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    const tokens = page.getByRole('table', { name: 'API-tokens van alle gebruikers, nieuwste eerst' });
    await expect(tokens.getByRole('row').nth(1).locator('th, td').first().textContent()).resolves.toBe('beheerder');
    await tokens.getByRole('rowheader', { name: XSS, exact: true }).waitFor();
    await page.getByRole('table', { name: 'Auditlog, nieuwste eerst' }).getByText(`naam: ${XSS}`).waitFor();
    await tokens.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/beheer-alle-tokens.png' });
    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });
});
