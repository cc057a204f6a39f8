import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// Decision 0021: on the Afspraken screen the beheerder makes the verzuim benchmark definitief and sees
// which statuses of the year changed because of it; the opdrachtnemer sees the history, not the form.

const DVO = 'deventer-konnected-2024';
const SLOW = 120_000;
const VERZUIM = 'Verzuimpercentage Wsw';
const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..');

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

async function logIn(username: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/dvo/${DVO}/afspraken`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Afspraken/ }).waitFor();
  return page;
}

async function expectNoAxeViolations(page: Page, state: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    result.violations.map((v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

describe('Afspraken: a norm gets a new version', { timeout: SLOW }, () => {
  it('makes the verzuim placeholder definitief and shows which statuses of the year changed', async () => {
    const page = await logIn('beheerder', server.beheerderPassword as string, 1400);
    const row = page.getByRole('row', { name: new RegExp(VERZUIM) }).first();
    await expect.poll(() => row.textContent()).toMatch(/voorlopige waarde/);
    await page.getByRole('button', { name: `versie 1 van ${VERZUIM}: bekijken of wijzigen` }).click();

    const panel = page.getByRole('region', { name: `Versies van de norm: ${VERZUIM}`, exact: true });
    await panel.getByRole('cell', { name: 'Catalogus', exact: true }).waitFor();
    await expect.poll(() => panel.getByRole('table').textContent()).toMatch(/voorlopig/);

    const form = panel.getByRole('form', { name: 'Nieuwe versie van de norm' });
    // an empty reason is refused before anything is sent
    await form.getByLabel('Waarde').fill('12,5');
    await form.getByRole('button', { name: 'Nieuwe versie vastleggen' }).click();
    await form.getByText('Geef een reden voor de wijziging.').waitFor();

    await form.getByLabel('Bron van de norm').fill('SBCM verzuimbenchmark SW-bedrijven 2022 (n = 15)');
    await form.getByLabel('definitief').check();
    await form.getByLabel('Reden van de wijziging (verplicht)').fill('Benchmark 2022 is gepubliceerd');
    await form.getByRole('button', { name: 'Nieuwe versie vastleggen' }).click();

    const result = form.locator('.norm-effect');
    await result.getByText(/Versie 2 vastgelegd \(definitief, geldt vanaf januari 2024\)/).waitFor();
    // demo verzuim runs 13,5–14,7%: on track against 14,7, beyond the 1-point margin of 12,5
    const changes = result.getByRole('listitem');
    expect(await changes.count()).toBeGreaterThan(0);
    const texts = await changes.allTextContents();
    expect(texts.every((t) => t.includes(VERZUIM))).toBe(true);
    expect(texts.some((t) => /op koers → (aandacht|afwijking)/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('juni 2024'))).toBe(true);

    // the catalogue now shows version 2, definitief, and the history old → new
    await page.getByRole('button', { name: `versie 2 van ${VERZUIM}: bekijken of wijzigen` }).waitFor();
    await expect.poll(() => row.textContent()).not.toMatch(/voorlopige waarde/);
    const history = panel.getByRole('table');
    await expect.poll(() => history.textContent()).toMatch(/maximaal 14,7\s*%.*→\s*maximaal 12,5\s*%/);
    await expect.poll(() => history.textContent()).toMatch(/Benchmark 2022 is gepubliceerd/);

    // the month screen judges June with the new version
    await expectNoAxeViolations(page, 'na het vastleggen');
    await panel.screenshot({ path: '/tmp/afspraken-norm-1400.png' });
    const status = await page.evaluate(async (dvo) => {
      const body = await (await fetch(`/api/dvos/${dvo}/status?period=2024-06`)).json();
      return body.rows.find((r: { indicator: string }) => r.indicator === 'wsw_verzuim');
    }, DVO);
    expect(status.norm).toMatchObject({ version: 2, provisional: false, value: 12.5 });
    expect(status.status).not.toBe('on_track');
    await page.context().close();
  });

  it('shows every version to the opdrachtnemer, without the form', async () => {
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'users',
        'add',
        'teamleider',
        '--role',
        'opdrachtnemer',
        '--org',
        'konnected',
      ],
      { cwd: root, env: { ...process.env, DATABASE_PATH: server.dbFile, DVO_PASSWORD: 'teamleider-wachtwoord-1' } },
    );
    const page = await logIn('teamleider', 'teamleider-wachtwoord-1', 360);
    await page.getByRole('button', { name: `versie 2 van ${VERZUIM}: bekijken` }).click();
    const panel = page.getByRole('region', { name: `Versies van de norm: ${VERZUIM}`, exact: true });
    await panel.getByRole('cell', { name: 'Benchmark 2022 is gepubliceerd' }).waitFor();
    await panel.getByRole('button', { name: 'Wat veranderde door versie 2' }).click();
    await panel.getByText(/Door versie 2 veranderden \d+ status/).waitFor();
    expect(await panel.getByRole('form').count()).toBe(0);
    await expectNoAxeViolations(page, 'opdrachtnemer, 360 px');
    await panel.screenshot({ path: '/tmp/afspraken-norm-360.png' });
    await page.context().close();
  });
});
