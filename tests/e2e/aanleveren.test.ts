import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

const DVO = 'deventer-konnected-2024';
// a real server, browser and CLI on a shared machine: allow more than the default 30 s per step
const SLOW = 120_000;

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Gebruikersnaam').fill('beheerder');
  await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // the landing screen first: a menu click during its redirects can be overtaken by them
  await page.getByRole('heading', { level: 1, name: /^Maandoverzicht/ }).waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(state: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map(
    (v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

/** The CSV template with `value` typed into the waarde column of one row, as a team leader does in Excel. */
function fillIn(template: string, indicator: string, period: string, value: string): string {
  const lines = template.split('\r\n');
  const header = (lines[0] as string).replace(/^\uFEFF/, '').split(';');
  const waarde = header.indexOf('waarde');
  const index = lines.findIndex((l) => l.startsWith(`${indicator};`) && l.split(';')[2] === period);
  expect(index).toBeGreaterThan(0);
  const cells = (lines[index] as string).split(';');
  cells[waarde] = value;
  lines[index] = cells.join(';');
  return lines.join('\r\n');
}

describe('Aanleveren: a team leader delivers a month on their own', { timeout: SLOW }, () => {
  let template = '';

  it('opens Aanleveren from the main menu and downloads the CSV template of October', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanleveren' }).click();
    await page.getByRole('heading', { level: 1, name: /Aanleveren/ }).waitFor();
    expect(page.url()).toContain(`/dvo/${DVO}/aanleveren`);

    // the demo delivered up to September, so October is next
    await expect(page.getByLabel('Maand').inputValue()).resolves.toBe('2024-10');
    await page.getByLabel('Maand').selectOption('2024-09');
    await page.getByRole('link', { name: 'Sjabloon september 2024 (CSV)' }).waitFor();
    await page.getByLabel('Maand').selectOption('2024-10');
    expect(new URL(page.url()).searchParams.get('periode')).toBe('2024-10');
    await page.getByRole('heading', { level: 2, name: 'Eerdere leveringen' }).waitFor();
    await page.getByText(/Nog geen enkele periode van 2024 is vastgesteld/).waitFor();
    await page.screenshot({ path: '/tmp/aanleveren-empty.png', fullPage: true });
    await expectNoAxeViolations('leeg');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Sjabloon oktober 2024 (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`aanlevering-${DVO}-2024-10.csv`);
    template = await readFile((await download.path()) as string, 'utf8');
    const header = (template.split('\r\n')[0] as string).replace(/^\uFEFF/, '');
    expect(header).toMatch(/^indicator;omschrijving;periode;segment;eenheid;waarde;teller;noemer;toelichting/);
    expect(template).toMatch(/\r\nlks_nieuw;[^;]*;2024-10;/);
  });

  it('checks the filled-in template first and shows what would change', async () => {
    const filled = fillIn(template, 'lks_nieuw', '2024-10', '3');
    await page.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
      name: 'oktober-konnected.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(filled, 'utf8'),
    });
    const heading = page.getByRole('heading', { level: 3, name: 'Controle van oktober-konnected.csv' });
    await heading.waitFor();
    await expect(heading.evaluate((h) => h === document.activeElement)).resolves.toBe(true);

    await expect(page.getByRole('status').filter({ hasText: 'Proefrun' }).textContent()).resolves.toBe(
      'Proefrun: 1 nieuw cijfer en 0 wijzigingen; nog niets opgeslagen.',
    );
    const counts = page.getByRole('list', { name: 'Aantallen' });
    await expect(counts.textContent()).resolves.toMatch(/1 nieuw/);
    // every other row of the template was left empty
    const skipped =
      template
        .split('\r\n')
        .slice(1)
        .filter((l) => l.trim() !== '').length - 1;
    expect(skipped).toBeGreaterThan(0);
    await expect(counts.textContent()).resolves.toContain(`${skipped} overgeslagen`);

    const row = page.getByRole('row', { name: /Nieuwe LKS-ers naar werk/ });
    await expect(row.textContent()).resolves.toMatch(/oktober 2024.*totaal.*3.*–.*nieuw/);

    await page.screenshot({ path: '/tmp/aanleveren-preview.png', fullPage: true });
    await expectNoAxeViolations('proefrun');

    // nothing is stored by the dry run
    const before = await page.evaluate(
      async (dvo) => (await (await fetch(`/api/dvos/${dvo}/imports`)).json()).imports,
      DVO,
    );
    expect(before.some((i: { filename: string | null }) => i.filename === 'oktober-konnected.csv')).toBe(false);
  });

  it('stores the file on confirmation and lists it in the history', async () => {
    await page.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    const saved = page.getByRole('heading', { level: 3, name: 'Opgeslagen' });
    await saved.waitFor();
    await expect(saved.evaluate((h) => h === document.activeElement)).resolves.toBe(true);
    await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen' }).textContent()).resolves.toMatch(
      /^Opgeslagen: 1 nieuw cijfer, 0 wijzigingen, 0 ongewijzigd/,
    );

    await page.screenshot({ path: '/tmp/aanleveren-saved.png', fullPage: true });
    await expectNoAxeViolations('opgeslagen');

    const history = page.getByRole('table', { name: /Eerdere leveringen/ });
    const newest = history.getByRole('row').nth(1);
    await expect(newest.textContent()).resolves.toContain('oktober-konnected.csv');
    await expect(newest.textContent()).resolves.toContain('beheerder');

    await newest.getByRole('button', { name: /Toon 1 cijfer/ }).click();
    const changes = page.getByRole('table', { name: /Cijfers uit de levering van/ });
    await expect(changes.getByRole('row', { name: /Nieuwe LKS-ers naar werk/ }).textContent()).resolves.toMatch(
      /oktober 2024.*totaal.*3.*nieuw/,
    );
  });

  it('refuses a file with an unknown indicator, lists every problem and stores nothing', async () => {
    await page.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
      name: 'fout.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator;periode;waarde\nuitstrom;2024-10;5\n', 'utf8'),
    });
    const heading = page.getByRole('heading', { level: 3, name: 'fout.csv is afgekeurd' });
    await heading.waitFor();
    await expect(heading.evaluate((h) => h === document.activeElement)).resolves.toBe(true);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^1 fout gevonden\. Er is niets opgeslagen\./);

    const problems = page.getByRole('table', { name: 'Problemen in fout.csv' });
    const problem = problems.getByRole('row').nth(1);
    await expect(problem.getByRole('cell').allTextContents()).resolves.toEqual([
      '2',
      'indicator',
      "Onbekende indicator 'uitstrom'. Bedoelt u 'uitstroom'?",
    ]);
    await expect(page.getByRole('button', { name: 'Bevestigen en opslaan' }).count()).resolves.toBe(0);

    await page.screenshot({ path: '/tmp/aanleveren-errors.png', fullPage: true });
    await expectNoAxeViolations('fouten');

    await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await expect(
      page.getByLabel('Ingevuld sjabloon (CSV of Excel)').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
  });

  it('shows the progress of a slow upload and can stop it', async () => {
    // a large file over a throttled line, so the progress bar is there long enough to read
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 100_000,
    });
    try {
      const padded = `${fillIn(template, 'lks_nieuw', '2024-10', '3')}${'\r\n'.repeat(400_000)}`;
      await page.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
        name: 'groot.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(padded, 'utf8'),
      });
      const progress = page.getByRole('progressbar', { name: 'groot.csv versturen ter controle' });
      await progress.waitFor();
      await page.waitForFunction(() => {
        const bar = document.querySelector('progress');
        return bar !== null && bar.value > 0 && bar.value < 100;
      });
      await expect(page.locator('.delivery-progress-bar > span').textContent()).resolves.toMatch(/^\d{1,2}%$/);
      await page.screenshot({ path: '/tmp/aanleveren-progress.png' });
      await page.getByRole('button', { name: 'Annuleren' }).click();
      await expect(progress.count()).resolves.toBe(0);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
  });

  it('shows locked periods and refuses figures for them with 409', async () => {
    const status = await page.evaluate(async (dvo) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/dvos/${dvo}/periods/2024-03/lock`, {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken },
      });
      return response.status;
    }, DVO);
    expect(status).toBe(200);
    await page.goto(`${server.url}/dvo/${DVO}/aanleveren?periode=2024-03`);
    await page.getByText(/^Vastgesteld: maart 2024 \(door beheerder op \d+ \w+ \d{4} om \d\d:\d\d\)$/).waitFor();
    await expect(page.getByLabel('Maand').inputValue()).resolves.toBe('2024-03');
    await expect(page.getByRole('option', { name: 'maart 2024 (vastgesteld)' }).count()).resolves.toBe(1);
    await page
      .getByText(
        /Maart 2024 is vastgesteld door beheerder op .+\. Cijfers ervan kunnen niet meer worden aangeleverd of gewijzigd\. Alleen de opdrachtgever of een beheerder kan deze periode heropenen\.$/,
      )
      .waitFor();

    await page.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
      name: 'maart.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator;periode;waarde\nlks_nieuw;2024-03;5\n', 'utf8'),
    });
    await page.getByRole('heading', { level: 3, name: 'maart.csv is afgekeurd' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/vastgestelde periode/);
    await expect(page.getByRole('table', { name: 'Problemen in maart.csv' }).getByRole('row').count()).resolves.toBe(2);
    await page.screenshot({ path: '/tmp/aanleveren-locked.png', fullPage: true });
    await expectNoAxeViolations('vastgesteld');
  });
});

describe('Aanleveren for the gemeente', { timeout: SLOW }, () => {
  it('offers the template and the history, but leaves delivering to the werkbedrijf', async () => {
    const root = path.join(import.meta.dirname, '..', '..');
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'users',
        'add',
        'gemeente-jan',
        '--role',
        'opdrachtgever',
        '--org',
        'gemeente-deventer',
      ],
      { cwd: root, env: { ...process.env, DATABASE_PATH: server.dbFile, DVO_PASSWORD: 'gemeente-wachtwoord-2024' } },
    );
    const context = await browser.newContext();
    const gemeente = await context.newPage();
    await gemeente.goto(`${server.url}/dvo/${DVO}/aanleveren`);
    await gemeente.getByLabel('Gebruikersnaam').fill('gemeente-jan');
    await gemeente.getByLabel('Wachtwoord').fill('gemeente-wachtwoord-2024');
    await gemeente.getByRole('button', { name: 'Inloggen' }).click();
    await gemeente.getByRole('heading', { level: 1, name: /Aanleveren/ }).waitFor();
    await gemeente.getByText('Cijfers aanleveren doet het werkbedrijf (KonnecteD).', { exact: false }).waitFor();
    // the template links wait for the figures that pick the default month; then the page is complete
    await gemeente.getByRole('link', { name: 'Sjabloon oktober 2024 (Excel)' }).waitFor();
    await expect(gemeente.getByLabel('Ingevuld sjabloon (CSV of Excel)').count()).resolves.toBe(0);
    await gemeente.getByRole('table', { name: /Eerdere leveringen/ }).waitFor();
    await context.close();
  });
});
