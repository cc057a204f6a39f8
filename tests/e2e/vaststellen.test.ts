import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// The meeting cycle of one month in the browser: the gemeente vaststelt March, every screen about
// March says so, it is reopened, the werkbedrijf corrects a figure, March is vastgesteld again and
// the Maandoverzicht shows the figure as "gewijzigd na vaststelling" with its old and new value.

const DVO = 'deventer-konnected-2024';
const SLOW = 120_000;
const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..');

let server: RunningServer;
let browser: Browser;
let beleid: Page;
let teamleider: Page;

async function addUser(username: string, role: string, org: string, password: string): Promise<void> {
  await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'users', 'add', username, '--role', role, '--org', org],
    { cwd: root, env: { ...process.env, DATABASE_PATH: server.dbFile, DVO_PASSWORD: password } },
  );
}

async function logInAt(username: string, password: string, where: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${where}`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

beforeAll(async () => {
  server = await startServer();
  await addUser('teamleider', 'opdrachtnemer', 'konnected', 'teamleider-wachtwoord-2024');
  await addUser('beleid', 'opdrachtgever', 'gemeente-deventer', 'beleid-wachtwoord-2024');
  browser = await launchBrowser();
  beleid = await logInAt('beleid', 'beleid-wachtwoord-2024', `/dvo/${DVO}/maand/2024-03`);
  teamleider = await logInAt('teamleider', 'teamleider-wachtwoord-2024', `/dvo/${DVO}/maand/2024-03`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const LOCKED = /Maart 2024 is vastgesteld door beleid op \d+ \w+ \d{4} om \d\d:\d\d\./;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/vaststellen-${name}-1400.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: `/tmp/vaststellen-${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });
}

describe('Vaststellen, heropenen and a correction after vaststelling', { timeout: SLOW }, () => {
  it('shows the Vaststellen button to the gemeente, not to the werkbedrijf', async () => {
    await beleid.getByRole('heading', { level: 1, name: 'Maandoverzicht maart 2024' }).waitFor();
    await beleid.getByText('Maart 2024 is nog niet vastgesteld.').waitFor();
    await beleid.getByRole('button', { name: 'Vaststellen' }).waitFor();
    await teamleider.getByRole('heading', { level: 1, name: 'Maandoverzicht maart 2024' }).waitFor();
    await teamleider.locator('.result-count').waitFor();
    await expect(teamleider.getByRole('button', { name: 'Vaststellen' }).count()).resolves.toBe(0);
  });

  it('vaststelt March after a dialog that says what it means', async () => {
    await beleid.getByRole('button', { name: 'Vaststellen' }).click();
    const dialog = beleid.getByRole('dialog', { name: 'Maart 2024 vaststellen?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/niets meer aanleveren of corrigeren/);
    await shot(beleid, 'dialoog');
    await dialog.getByRole('button', { name: 'Ja, vaststellen' }).click();
    await beleid.getByText(LOCKED).waitFor();
    await beleid.getByRole('button', { name: 'Heropenen' }).waitFor();
    expect(await axeViolations(beleid)).toEqual([]);
  });

  it('says on every other screen about March that it is vastgesteld, by whom and when', async () => {
    for (const [where, heading] of [
      [`/dvo/${DVO}/indicator/uitstroom?period=2024-03`, /Uitstroom/],
      [`/dvo/${DVO}/afwijkingen?periode=2024-03`, /Afwijkingen maart 2024/],
      [`/dvo/${DVO}/aanleveren?periode=2024-03`, /Aanleveren/],
    ] as const) {
      await teamleider.goto(`${server.url}${where}`);
      await teamleider.getByRole('heading', { level: 1, name: heading }).waitFor();
      await teamleider.getByText(LOCKED).waitFor();
    }
    // Aanleveren says it once, with who can reopen it
    await teamleider.getByText(/Alleen de opdrachtgever of een beheerder kan deze periode heropenen\./).waitFor();
    await expect(teamleider.getByText(LOCKED).count()).resolves.toBe(1);
    await shot(teamleider, 'aanleveren');
    // the quarter is not vastgesteld: its screen offers the gemeente to vaststellen it
    await beleid.goto(`${server.url}/dvo/${DVO}/kwartaal/2024-Q1`);
    await beleid.getByText('1e kwartaal 2024 is nog niet vastgesteld.').waitFor();
    await beleid.getByRole('button', { name: 'Vaststellen' }).waitFor();
  });

  it('refuses an upload into March with one problem, not one per row', async () => {
    await teamleider.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
      name: 'maart.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'indicator;periode;segment;waarde\nuitstroom;2024-03;matchen;99\nuitstroom;2024-03;groeien;98\nlks_nieuw;2024-03;;5\n',
        'utf8',
      ),
    });
    await teamleider.getByRole('heading', { level: 3, name: 'maart.csv is afgekeurd' }).waitFor();
    const problems = teamleider.getByRole('table', { name: 'Problemen in maart.csv' });
    await expect(problems.getByRole('row').count()).resolves.toBe(2);
    await expect(problems.textContent()).resolves.toMatch(/3 rijen vallen erin \(rij 2 tot en met 4\)/);
  });

  it('heropent, takes a correction, vaststelt again, and the Maandoverzicht shows old and new value', async () => {
    await beleid.goto(`${server.url}/dvo/${DVO}/maand/2024-03`);
    await beleid.getByText(LOCKED).waitFor();
    await beleid.getByRole('button', { name: 'Heropenen' }).click();
    const dialog = beleid.getByRole('dialog', { name: 'Maart 2024 heropenen?' });
    await dialog.getByLabel(/Reden/).fill('Nagekomen plaatsingen');
    await dialog.getByRole('button', { name: 'Ja, heropenen' }).click();
    await beleid.getByText('Maart 2024 is nog niet vastgesteld.').waitFor();

    const before = await teamleider.evaluate(async (dvo) => {
      const body = await (await fetch(`/api/dvos/${dvo}/figures?indicator=lks_nieuw&from=2024-03&to=2024-03`)).json();
      return body.figures[0].revisions[0].value as number;
    }, DVO);
    const status = await teamleider.evaluate(
      async ({ dvo, value }) => {
        const session = await (await fetch('/api/session')).json();
        const response = await fetch(`/api/dvos/${dvo}/figures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({
            figures: [{ indicator: 'lks_nieuw', period: '2024-03', value, comment: 'nagekomen' }],
          }),
        });
        return response.status;
      },
      { dvo: DVO, value: before + 7 },
    );
    expect(status).toBe(201);

    await beleid.reload();
    await beleid.getByRole('button', { name: 'Vaststellen' }).click();
    await beleid.getByRole('dialog').getByRole('button', { name: 'Ja, vaststellen' }).click();
    await beleid.getByText(LOCKED).waitFor();
    const changes = beleid.getByRole('region', { name: 'Gewijzigd na vaststelling' });
    await changes.waitFor();
    const row = changes.getByRole('row', { name: /Nieuwe LKS-ers naar werk gewijzigd na vaststelling/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['maart 2024', String(before), String(before + 7)]);
    expect(cells[3]).toMatch(/^(gewijzigd: van .+ naar .+|ongewijzigd \(.+\))$/);
    expect(await axeViolations(beleid)).toEqual([]);
    await shot(beleid, 'maandoverzicht');

    // the Indicator shows it too
    await beleid.goto(`${server.url}/dvo/${DVO}/indicator/lks_nieuw?period=2024-03`);
    await beleid
      .getByRole('region', { name: 'Gewijzigd na vaststelling' })
      .getByRole('row', { name: /gewijzigd na vaststelling/ })
      .waitFor();
    await shot(beleid, 'indicator');
  });
});
