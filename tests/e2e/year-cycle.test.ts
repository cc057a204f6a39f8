import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, DEMO_DVO } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// Issue #14 "done when": through the screens only, a beheerder makes DVO 2025 from 2024, changes a norm
// of the concept, links an agreement as new, makes the verzuim placeholder of 2024 definitief, and reads
// the Jaarevaluatie of 2024 on screen and as PDF; a werkbedrijf user delivers, sees the norm change with
// its reason, does not see the concept, and after activation reads the links to last year.

const NEXT = 'deventer-konnected-2025';
const VERZUIM = 'Verzuimpercentage Wsw';
const REASON = 'SBCM-benchmark 2022 is gepubliceerd';

let server: RunningServer;
let browser: Browser;
let beheerder: Page;
let teamleider: Page;
let teamleiderPassword = '';

async function logIn(username: string, password: string, width = 1400): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

async function openAfspraken(page: Page, dvo: string): Promise<void> {
  await page.goto(`${server.url}/dvo/${dvo}/afspraken`);
  await page.getByRole('heading', { level: 1, name: /^Afspraken – / }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  beheerder = await logIn('beheerder', server.beheerderPassword as string);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the year cycle, issue #14 done-when', { timeout: 180_000 }, () => {
  it('makes DVO 2025 from 2024 on Beheer, changes a norm of the concept and records an agreement as new', async () => {
    const page = beheerder;
    await page.goto(`${server.url}/beheer#dvos`);
    const section = page.getByRole('region', { name: "DVO's", exact: true });
    const form = page.getByRole('form', { name: 'Nieuwe DVO' });
    await form.getByLabel('Beginnen met').selectOption(DEMO_DVO);
    await form.getByLabel('Jaar').fill('2025');
    await form.getByRole('button', { name: 'DVO als concept aanmaken' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/is aangemaakt als concept/);
    const row = section.getByRole('row', { name: /DVO 2025/ });
    await expect.poll(() => row.getByRole('cell', { name: 'Concept' }).count()).toBe(1);

    // its name leads to its Afspraken
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Afspraken – .*2025/ }).waitFor();
    const uitstroom = 'Uitstroom naar werk, school of zelfstandigheid';
    await page.getByRole('button', { name: `versie 1 van ${uitstroom}: bekijken of wijzigen` }).click();
    const panel = page.getByRole('region', { name: `Versies van de norm: ${uitstroom}`, exact: true });
    const normForm = panel.getByRole('form', { name: 'Nieuwe versie van de norm' });
    await normForm.getByLabel('Waarde').fill('420');
    await normForm.getByLabel('Reden van de wijziging (verplicht)').fill('Afgesproken voor 2025: 5% meer uitstroom');
    await normForm.getByRole('button', { name: 'Nieuwe versie vastleggen' }).click();
    await normForm.getByText(/Versie 2 vastgelegd \(definitief, geldt vanaf januari 2025\)/).waitFor();
    await expect
      .poll(() => panel.getByRole('table').textContent())
      .toMatch(/minimaal 400 per jaar.*→\s*minimaal 420 per jaar/);
    await expect.poll(() => panel.getByRole('table').textContent()).toMatch(/Afgesproken voor 2025: 5% meer uitstroom/);
    const uitstroomRow = page.getByRole('row', { name: new RegExp(uitstroom) }).first();
    await expect.poll(() => uitstroomRow.textContent()).toMatch(/minimaal 420 per jaar/);

    // every agreement points back at itself in 2024; one is recorded as new
    await expect.poll(() => uitstroomRow.textContent()).toMatch(/uitstroom – Uitstroom naar werk/);
    const lks = 'Nieuwe LKS-ers naar werk';
    const lksRow = page.getByRole('row', { name: new RegExp(lks) }).first();
    await lksRow.getByRole('button', { name: `wijzigen (vorig jaar van ${lks})` }).click();
    const linkForm = page.getByRole('form', { name: `Vorig jaar van ${lks}` });
    await linkForm.getByLabel(`Vorig jaar van ${lks}`).selectOption({ label: 'geen (nieuwe afspraak)' });
    await linkForm.getByRole('button', { name: 'Opslaan' }).click();
    await lksRow.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
    await expect.poll(() => lksRow.textContent()).toMatch(/geen \(nieuwe afspraak\)/);
    expect(
      await page.evaluate(
        async (dvo) =>
          (await (await fetch(`/api/dvos/${dvo}/indicators`)).json()).indicators.find(
            (i: { code: string }) => i.code === 'lks_nieuw',
          ).previous,
        NEXT,
      ),
    ).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/year-cycle-afspraken-2025-1400.png' });
  });

  it('adds a werkbedrijf user on Beheer, who does not see the concept and delivers the rest of 2024', async () => {
    const page = beheerder;
    await page.goto(`${server.url}/beheer`);
    const form = page.getByRole('form', { name: 'Gebruiker toevoegen' });
    await form.getByLabel('Gebruikersnaam').fill('teamleider-jaar');
    await form.getByLabel('Rol').selectOption('opdrachtnemer');
    await form.getByLabel('Organisatie').selectOption('konnected');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    const box = page.getByRole('region', { name: 'Wachtwoord voor teamleider-jaar' });
    teamleiderPassword = (await box.locator('code').textContent()) ?? '';
    expect(teamleiderPassword).not.toBe('');

    teamleider = await logIn('teamleider-jaar', teamleiderPassword);
    const visible = await teamleider.evaluate(async () => (await (await fetch('/api/dvos')).json()).dvos);
    expect(visible.map((d: { slug: string }) => d.slug)).toEqual([DEMO_DVO]);
    await teamleider.goto(`${server.url}/dvo/${NEXT}/afspraken`);
    await teamleider
      .getByText(/bestaat niet of u heeft er geen toegang toe/)
      .first()
      .waitFor();

    // the verzuim of October–December, so 2024 has a full year
    await teamleider.goto(`${server.url}/dvo/${DEMO_DVO}/aanleveren`);
    await teamleider.getByRole('heading', { level: 1, name: /Aanleveren/ }).waitFor();
    const csv = [
      'indicator;periode;teller;noemer',
      'wsw_verzuim;2024-10;1290;9100',
      'wsw_verzuim;2024-11;1301;9080',
      'wsw_verzuim;2024-12;1275;9050',
    ].join('\r\n');
    await teamleider.getByLabel('Ingevuld sjabloon (CSV of Excel)').setInputFiles({
      name: 'verzuim-q4.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await teamleider.getByRole('heading', { level: 3, name: 'Controle van verzuim-q4.csv' }).waitFor();
    await teamleider.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    await expect
      .poll(() => teamleider.getByRole('status').filter({ hasText: 'Opgeslagen' }).textContent())
      .toMatch(/^Opgeslagen: 3 nieuwe cijfers/);
  });

  it('makes the verzuim placeholder of 2024 definitief and lists the statuses of the year it changed', async () => {
    const page = beheerder;
    await openAfspraken(page, DEMO_DVO);
    const row = page.getByRole('row', { name: new RegExp(VERZUIM) }).first();
    await expect.poll(() => row.textContent()).toMatch(/voorlopige waarde/);
    await page.getByRole('button', { name: `versie 1 van ${VERZUIM}: bekijken of wijzigen` }).click();
    const panel = page.getByRole('region', { name: `Versies van de norm: ${VERZUIM}`, exact: true });
    const form = panel.getByRole('form', { name: 'Nieuwe versie van de norm' });
    await form.getByLabel('Waarde').fill('13,5');
    await form.getByLabel('Bron van de norm').fill('SBCM verzuimbenchmark SW-bedrijven 2022 (n = 15)');
    await form.getByLabel('definitief').check();
    await form.getByLabel('Reden van de wijziging (verplicht)').fill(REASON);
    await form.getByRole('button', { name: 'Nieuwe versie vastleggen' }).click();

    const result = form.locator('.norm-effect');
    await result.getByText(/Versie 2 vastgelegd \(definitief, geldt vanaf januari 2024\)/).waitFor();
    // after the year every month is compared: all twelve were op koers against 14,7% and are aandacht now
    await expect(
      result.getByText(/Door versie 2 veranderden 12 statussen van januari 2024 t\/m december 2024/).count(),
    ).resolves.toBe(1);
    const texts = await result.getByRole('listitem').allTextContents();
    expect(texts).toHaveLength(12);
    expect(texts[0]).toBe(`januari 2024: ${VERZUIM}: op koers → aandacht`);
    expect(texts[11]).toBe(`december 2024: ${VERZUIM}: op koers → aandacht`);
    await expect.poll(() => row.textContent()).not.toMatch(/voorlopige waarde/);
    await result.screenshot({ path: '/tmp/year-cycle-definitief-1400.png' });
  });

  it('reads the Jaarevaluatie of 2024: the year result against the new norm, the chapter summary, definitief, and its PDF', async () => {
    const page = beheerder;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Jaarevaluatie' }).click();
    await page.getByRole('heading', { level: 1, name: /^Jaarevaluatie 2024/ }).waitFor();
    await page.getByText('Het jaar is om: de jaarresultaten zijn definitief.', { exact: false }).waitFor();

    const api = await page.evaluate(async (dvo) => (await fetch(`/api/dvos/${dvo}/evaluation`)).json(), DEMO_DVO);
    const verzuimRow = api.rows.find((r: { indicator: string }) => r.indicator === 'wsw_verzuim');
    expect(verzuimRow.result).toMatchObject({ final: true, status: 'attention' });
    const percent = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      verzuimRow.result.value,
    );

    const item = page.locator('.year-item').filter({ has: page.getByRole('heading', { level: 3, name: VERZUIM }) });
    const itemText = (await item.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(itemText).toContain(`aandacht: ${percent}% (definitief). Norm: maximaal 13,5%`);
    expect(itemText).toContain('12 maanden in aandacht');
    const months = await item.locator('.month-strip li .visually-hidden').allTextContents();
    expect(months).toEqual(
      ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].map((m) => `${m}: aandacht`),
    );
    // nothing on the screen reads as a bare dash for a year result
    expect(
      await page
        .locator('.year-item')
        .filter({ hasText: /: – \((definitief|prognose)\)/ })
        .count(),
    ).toBe(0);

    const wsw = page.getByRole('region', { name: 'Wsw', exact: true });
    const wswRows = api.rows.filter((r: { chapter: string }) => r.chapter === 'Wsw');
    const attention = wswRows.filter((r: { result: { status: string } }) => r.result.status === 'attention').length;
    expect(attention).toBeGreaterThan(0);
    await expect
      .poll(async () => (await wsw.locator('p').first().textContent())?.replace(/\s+/g, ' '))
      .toMatch(new RegExp(`^Jaarresultaat \\(definitief\\): .*${attention} aandacht`));
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/year-cycle-jaarevaluatie-1400.png' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Jaarevaluatie als PDF' }).click(),
    ]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'jaar-e2e-')), 'jaarevaluatie.pdf');
    await download.saveAs(file);
    const flat = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, '');
    for (const expected of ['Jaarevaluatie 2024', VERZUIM, 'maximaal 13,5%', `${percent}% (definitief)`])
      expect(flat).toContain(expected.replace(/\s+/g, ''));

    await page.setViewportSize({ width: 360, height: 800 });
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/year-cycle-jaarevaluatie-360.png' });
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(scroll).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('shows the werkbedrijf user the norm change with its reason, and after activation last year beside 2025, read-only', async () => {
    await openAfspraken(teamleider, DEMO_DVO);
    await teamleider.getByRole('button', { name: `versie 2 van ${VERZUIM}: bekijken` }).click();
    const panel = teamleider.getByRole('region', { name: `Versies van de norm: ${VERZUIM}`, exact: true });
    await panel.getByRole('cell', { name: REASON }).waitFor();
    await expect.poll(() => panel.getByRole('table').textContent()).toMatch(/maximaal 14,7\s*%.*→\s*maximaal 13,5\s*%/);
    expect(await panel.getByRole('form').count()).toBe(0);

    await beheerder.goto(`${server.url}/beheer#dvos`);
    const row = beheerder.getByRole('region', { name: "DVO's", exact: true }).getByRole('row', { name: /DVO 2025/ });
    await row.getByRole('button', { name: /^Activeren/ }).click();
    await beheerder.getByRole('button', { name: 'Ja, activeren' }).click();
    await expect.poll(() => row.getByRole('cell', { name: 'Actief' }).count()).toBe(1);

    await openAfspraken(teamleider, NEXT);
    await teamleider.getByRole('columnheader', { name: 'Vorig jaar (2024)' }).first().waitFor();
    const uitstroomRow = teamleider.getByRole('row', { name: /Uitstroom naar werk, school/ }).first();
    await expect.poll(() => uitstroomRow.textContent()).toMatch(/uitstroom – Uitstroom naar werk/);
    await expect
      .poll(() =>
        teamleider
          .getByRole('row', { name: /Nieuwe LKS-ers naar werk/ })
          .first()
          .textContent(),
      )
      .toMatch(/geen \(nieuwe afspraak\)/);
    expect(await teamleider.getByRole('button', { name: /^wijzigen/ }).count()).toBe(0);
    expect(await axeViolations(teamleider)).toEqual([]);
    await teamleider.setViewportSize({ width: 360, height: 800 });
    await uitstroomRow.scrollIntoViewIfNeeded();
    await teamleider.screenshot({ path: '/tmp/year-cycle-afspraken-2025-360.png' });
  });
});
