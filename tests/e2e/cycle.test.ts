import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, monthTablesDrawn } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// The meeting cycle of issue #13 as four people walk it, each in their own role and browser:
// the KonnecteD teamleider delivers (with a mistake, then fixed), the gemeente's beleidsmedewerker
// sees the deviation and agrees a maatregel after the teamleider explained it, the manager opens
// the Kwartaaloverleg and vaststelt the quarter, reopens it for a correction and vaststelt it again,
// and the wethouder reads the exported deviation list on their own.

const DVO = 'deventer-konnected-2024';
const SLOW = 180_000;
const UITSTROOM = 'Uitstroom naar werk, school of zelfstandigheid';
const TOELICHTING = 'Minder vacatures in de zorg in de zomer.';
const MAATREGEL = 'Extra werkgeversbenadering in de zorg.';
const LKS = 'Nieuwe LKS-ers naar werk';
const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..');

let server: RunningServer;
let browser: Browser;
let teamleider: Page;
let beleid: Page;
let manager: Page;
let wethouder: Page;
let threadUrl = '';

async function addUser(username: string, role: string, org: string): Promise<void> {
  await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'users', 'add', username, '--role', role, '--org', org],
    { cwd: root, env: { ...process.env, DATABASE_PATH: server.dbFile, DVO_PASSWORD: `${username}-wachtwoord-2024` } },
  );
}

async function logIn(username: string, where: string): Promise<Page> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${where}`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(`${username}-wachtwoord-2024`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

async function upload(page: Page, name: string, csv: string): Promise<void> {
  await page.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
}

async function deliver(page: Page, name: string, csv: string): Promise<void> {
  await upload(page, name, csv);
  await page.getByRole('heading', { level: 3, name: `Controle van ${name}` }).waitFor();
  await page.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
  await page.getByRole('heading', { level: 3, name: 'Opgeslagen' }).waitFor();
}

async function currentValue(page: Page, indicator: string, period: string): Promise<number> {
  return page.evaluate(async (url) => {
    const body = await (await fetch(url)).json();
    return body.figures[0].revisions[0].value as number;
  }, `/api/dvos/${DVO}/figures?indicator=${indicator}&from=${period}&to=${period}`);
}

beforeAll(async () => {
  server = await startServer();
  await addUser('teamleider', 'opdrachtnemer', 'konnected');
  await addUser('beleid', 'opdrachtgever', 'gemeente-deventer');
  await addUser('manager', 'opdrachtgever', 'gemeente-deventer');
  await addUser('wethouder', 'lezer', 'gemeente-deventer');
  browser = await launchBrowser();
  teamleider = await logIn('teamleider', `/dvo/${DVO}/aanleveren?periode=2024-10`);
  beleid = await logIn('beleid', `/dvo/${DVO}/maand/2024-09`);
  manager = await logIn('manager', `/dvo/${DVO}/kwartaal/2024-Q3`);
  wethouder = await logIn('wethouder', `/dvo/${DVO}/afwijkingen?periode=2024-Q3`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the meeting cycle with four users in their roles', { timeout: SLOW }, () => {
  it('the teamleider delivers October with two mistakes, reads both at once, fixes them and stores it', async () => {
    await teamleider.getByRole('heading', { level: 1, name: /Aanleveren/ }).waitFor();
    await upload(
      teamleider,
      'oktober.csv',
      'indicator;periode;segment;waarde\nlks_nieuw;2024-10;;drie\nlks_nieuww;2024-10;;2\n',
    );
    await teamleider.getByRole('heading', { level: 3, name: 'oktober.csv is afgekeurd' }).waitFor();
    await expect(teamleider.getByRole('alert').first().textContent()).resolves.toMatch(/Er is niets opgeslagen\./);
    const problems = teamleider.getByRole('table', { name: 'Problemen in oktober.csv' });
    const rows = await problems.getByRole('row').allTextContents();
    expect(rows.slice(1).map((r) => r.slice(0, 1))).toEqual(['2', '3']);
    expect(rows.join('\n')).toMatch(/waarde/);
    expect(rows.join('\n')).toMatch(/Bedoelt u 'lks_nieuw'\?/);
    expect(await axeViolations(teamleider)).toEqual([]);

    await teamleider.getByRole('button', { name: 'Opnieuw beginnen' }).click();
    await deliver(teamleider, 'oktober.csv', 'indicator;periode;segment;waarde\nlks_nieuw;2024-10;;3\n');
    await expect(currentValue(teamleider, 'lks_nieuw', '2024-10')).resolves.toBe(3);
  });

  it('beleid sees the September deviation on the Maandoverzicht and reaches its thread in one click', async () => {
    await beleid.getByRole('heading', { level: 1, name: 'Maandoverzicht september 2024' }).waitFor();
    await monthTablesDrawn(beleid);
    const link = beleid
      .locator('.agreements-table tbody tr:not(.segment-row)', { hasText: UITSTROOM })
      .locator('a.thread-link');
    await expect.poll(() => link.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ontbreekt/);
    await link.click();
    await beleid.waitForURL(/\/afwijkingen\/\d+\?periode=2024-09$/);
    await beleid.getByRole('heading', { level: 1, name: new RegExp(UITSTROOM) }).waitFor();
    threadUrl = beleid.url();
    // the toelichting is the werkbedrijf's to write
    await expect(beleid.getByRole('textbox', { name: 'Toelichting', exact: true }).count()).resolves.toBe(0);
  });

  it('the teamleider explains it, and beleid agrees a maatregel with owner and deadline', async () => {
    await teamleider.goto(threadUrl);
    await teamleider.getByRole('textbox', { name: 'Toelichting', exact: true }).fill(TOELICHTING);
    await teamleider.getByRole('button', { name: 'Toelichting opslaan' }).click();
    await teamleider.getByText(/Toelichting opgeslagen/).waitFor();

    await beleid.reload();
    await beleid.getByText(TOELICHTING).first().waitFor();
    await beleid.getByLabel('Omschrijving van de maatregel').fill(MAATREGEL);
    await beleid.getByLabel('Eigenaar').fill('Teamleider Matchen');
    await beleid.getByLabel('Deadline').fill('2024-12-01');
    await beleid.getByRole('button', { name: 'Maatregel opslaan' }).click();
    await beleid.getByRole('status').filter({ hasText: 'Maatregel opgeslagen.' }).waitFor();
    expect(await axeViolations(beleid)).toEqual([]);

    // the month row now says both are there
    await beleid.goto(`${server.url}/dvo/${DVO}/maand/2024-09`);
    await monthTablesDrawn(beleid);
    const link = beleid
      .locator('.agreements-table tbody tr:not(.segment-row)', { hasText: UITSTROOM })
      .locator('a.thread-link');
    await expect.poll(() => link.textContent(), { timeout: 30_000 }).toMatch(/Toelichting ✓.*Maatregel ✓/s);
  });

  it('the manager opens the Kwartaaloverleg, reads the thread there and vaststelt the quarter', async () => {
    await manager.reload();
    await manager.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 3e kwartaal 2024' }).waitFor();
    const card = manager.locator('.deviation', { has: manager.getByRole('heading', { level: 3, name: UITSTROOM }) });
    await card.getByText(TOELICHTING).waitFor();
    await card.getByText(MAATREGEL).waitFor();
    await manager.getByText('3e kwartaal 2024 is nog niet vastgesteld.').waitFor();
    await manager.getByRole('button', { name: 'Vaststellen' }).click();
    const dialog = manager.getByRole('dialog', { name: '3e kwartaal 2024 vaststellen?' });
    await dialog.getByRole('button', { name: 'Ja, vaststellen' }).click();
    await manager.getByText(/^3e kwartaal 2024 is vastgesteld door manager op /).waitFor();
    expect(await axeViolations(manager)).toEqual([]);

    // the wethouder reads, but does not vaststellen
    await wethouder.goto(`${server.url}/dvo/${DVO}/kwartaal/2024-Q3`);
    await wethouder.getByText(/^3e kwartaal 2024 is vastgesteld door manager op /).waitFor();
    await expect(wethouder.getByRole('button', { name: /Vaststellen|Heropenen/ }).count()).resolves.toBe(0);
  });

  it('September is closed to deliveries until the manager reopens it; the correction is then marked', async () => {
    await teamleider.goto(`${server.url}/dvo/${DVO}/aanleveren?periode=2024-09`);
    await teamleider.getByText(/Alleen de opdrachtgever of een beheerder kan deze periode heropenen\./).waitFor();
    const before = await currentValue(teamleider, 'lks_nieuw', '2024-09');

    await manager.getByRole('button', { name: 'Heropenen' }).click();
    const reopen = manager.getByRole('dialog', { name: '3e kwartaal 2024 heropenen?' });
    await reopen.getByLabel(/Reden/).fill('Nagekomen plaatsingen september');
    await reopen.getByRole('button', { name: 'Ja, heropenen' }).click();
    await manager.getByText('3e kwartaal 2024 is nog niet vastgesteld.').waitFor();

    await teamleider.reload();
    await teamleider.getByRole('heading', { level: 1, name: /Aanleveren/ }).waitFor();
    await deliver(teamleider, 'correctie.csv', `indicator;periode;segment;waarde\nlks_nieuw;2024-09;;${before + 7}\n`);

    await manager.reload();
    await manager.getByRole('button', { name: 'Vaststellen' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Ja, vaststellen' }).click();
    await manager.getByText(/^3e kwartaal 2024 is vastgesteld door manager op /).waitFor();

    await manager.goto(`${server.url}/dvo/${DVO}/maand/2024-09`);
    const changes = manager.getByRole('region', { name: 'Gewijzigd na vaststelling' });
    const row = changes.getByRole('row', { name: new RegExp(`${LKS} gewijzigd na vaststelling`) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toContain(String(before));
    expect(cells).toContain(String(before + 7));
    expect(await axeViolations(manager)).toEqual([]);
  });

  it('the wethouder exports the deviation list and reads the toelichting and maatregel in the PDF', async () => {
    await wethouder.goto(`${server.url}/dvo/${DVO}/afwijkingen?periode=2024-Q3`);
    await wethouder.getByRole('heading', { level: 1 }).waitFor();
    const [pdf] = await Promise.all([
      wethouder.waitForEvent('download'),
      wethouder.getByRole('link', { name: 'PDF' }).click(),
    ]);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', (await pdf.path()) as string, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(TOELICHTING);
    expect(text).toContain(MAATREGEL);
    expect(text).toContain('Teamleider Matchen');
    expect(text).toMatch(/Leeswijzer/i);
    // words, not catalogue codes
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });
});
