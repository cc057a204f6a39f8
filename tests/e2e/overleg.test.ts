import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVIATION_STATUS_LABEL, type DeviationStatus } from '../../shared/domain/deviation-report.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

const DVO = 'deventer-konnected-2024';
// a real server, two browsers and the CLI on a shared machine: allow more than the default 30 s per step
const SLOW = 120_000;
const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..', '..');

const UITSTROOM = 'Uitstroom naar werk, school of zelfstandigheid';
const TOELICHTING = 'Minder vacatures in de zorg; werkgevers nemen pas na de zomer weer aan.';
const MAATREGEL = 'Extra werkgeversbenadering in de zorg en de techniek';
const ACTIEPUNT = 'Werkgeversbijeenkomst zorg organiseren';
const MARKUP = '<img src=x onerror=alert(1)>';

let server: RunningServer;
let browser: Browser;
let teamleider: Page;
let beleid: Page;
let meetingUrl = '';

async function addUser(username: string, role: string, org: string, password: string): Promise<void> {
  await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'users', 'add', username, '--role', role, '--org', org],
    {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: server.dbFile, DVO_PASSWORD: password },
    },
  );
}

/** A user opens a link into the app, logs in where the app asks, and lands on that page. */
async function logInAt(username: string, password: string, where: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${where}`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  return page;
}

async function expectNoAxeViolations(page: Page, state: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map(
    (v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

const isFocused = (page: Page, text: string | RegExp) =>
  page
    .getByText(text)
    .first()
    .evaluate((el) => el === document.activeElement);

beforeAll(async () => {
  server = await startServer();
  await addUser('teamleider', 'opdrachtnemer', 'konnected', 'teamleider-wachtwoord-2024');
  await addUser('beleid', 'opdrachtgever', 'gemeente-deventer', 'beleid-wachtwoord-2024');
  browser = await launchBrowser();
  teamleider = await logInAt('teamleider', 'teamleider-wachtwoord-2024', `/dvo/${DVO}/maand/2024-06`);
  beleid = await logInAt('beleid', 'beleid-wachtwoord-2024', `/dvo/${DVO}/maand/2024-06`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Kwartaaloverleg 2024-Q2: prepared, held and exported in the app', { timeout: SLOW }, () => {
  it('lets the teamleider open Afwijkingen 2024-Q2 from the menu and explain the uitstroom deviation', async () => {
    const page = teamleider;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afwijkingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Afwijkingen juni 2024' }).waitFor();
    await page.getByLabel('Periode').selectOption('2024-Q2');
    await page.getByRole('heading', { level: 1, name: 'Afwijkingen 2e kwartaal 2024' }).waitFor();
    expect(new URL(page.url()).searchParams.get('periode')).toBe('2024-Q2');

    // the summary and the rows are those of the API
    const list = await page.evaluate(
      async (dvo) => (await fetch(`/api/dvos/${dvo}/deviations?period=2024-Q2`)).json(),
      DVO,
    );
    const table = page.getByRole('table', { name: 'Afwijkingen 2e kwartaal 2024' });
    await table.waitFor();
    await expect(table.getByRole('row').count()).resolves.toBe(list.rows.length + 1);
    const summary = page.getByRole('region', { name: 'Samenvatting' });
    await expect(summary.getByRole('listitem').allTextContents()).resolves.toEqual([
      `${list.summary.off_track}afwijking`,
      `${list.summary.attention}aandacht`,
      `${list.summary.no_data}geen gegevens`,
    ]);
    // the late Groeien oud report of Q2 is signalled above the list
    await page
      .getByRole('region', { name: 'Signalen' })
      .getByText(/Groeien oud over het 2e kwartaal 2024 is op 22 juli 2024 ontvangen, 8 dagen na/)
      .waitFor();
    const row = table.getByRole('row', { name: new RegExp(UITSTROOM) });
    await expect(row.textContent()).resolves.toMatch(
      /art\. 7aandacht181200minimaal 400 per jaaropensinds januari 2024/,
    );
    // the werkbedrijf does not open meetings
    await expect(page.getByRole('link', { name: /Overleg openen/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/overleg-list.png', fullPage: true });
    await expectNoAxeViolations(page, 'lijst');

    await row.getByRole('link', { name: UITSTROOM }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(UITSTROOM) }).waitFor();
    await page.getByText('realisatie 181, norm tot dan 200').waitFor();
    await page.getByRole('textbox', { name: 'Toelichting', exact: true }).fill(TOELICHTING);
    await page.getByRole('button', { name: 'Toelichting opslaan' }).click();
    const saved = "Toelichting opgeslagen. De stand is nu 'toegelicht'.";
    await page.getByRole('status').filter({ hasText: saved }).waitFor();
    await expect(isFocused(page, saved)).resolves.toBe(true);
    await expect(page.locator('.overleg-current').textContent()).resolves.toBe(TOELICHTING);

    // who did what, in Dutch
    const history = page.getByRole('table', { name: /Geschiedenis van deze afwijking/ });
    await expect(history.getByRole('row').nth(1).textContent()).resolves.toMatch(/systeemAfwijking geopend/);
    await expect(history.getByRole('row').last().textContent()).resolves.toMatch(
      /teamleiderToelichting gegeven; stand naar 'toegelicht'Minder vacatures/,
    );
    // the state is the gemeente's to change; the maatregel can still be proposed
    await expect(page.getByRole('button', { name: 'Besproken' }).count()).resolves.toBe(0);
    await page.getByText('De stand wijzigt de opdrachtgever.').waitFor();
    await page.getByRole('button', { name: 'Voorstel opslaan' }).waitFor();
    await page.screenshot({ path: '/tmp/overleg-thread-teamleider.png', fullPage: true });
    await expectNoAxeViolations(page, 'afwijking (teamleider)');
  });

  it('lets beleid agree a maatregel with owner and deadline and move it to maatregel afgesproken', async () => {
    const page = beleid;
    await page.goto(`${server.url}/dvo/${DVO}/afwijkingen?periode=2024-Q2`);
    const row = page.getByRole('row', { name: new RegExp(UITSTROOM) });
    await expect(row.textContent()).resolves.toContain(`toegelicht`);
    await expect(row.textContent()).resolves.toContain(TOELICHTING);
    await row.getByRole('link', { name: UITSTROOM }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(UITSTROOM) }).waitFor();
    // the toelichting is the werkbedrijf's
    await expect(page.getByRole('textbox', { name: 'Toelichting', exact: true }).count()).resolves.toBe(0);

    // agreeing before there is a maatregel: the server's Dutch refusal, where the user is
    await page.getByRole('button', { name: 'Maatregel afgesproken' }).click();
    const refused = 'Leg eerst de maatregel vast (omschrijving, eigenaar en deadline).';
    await page.getByRole('alert').filter({ hasText: refused }).waitFor();
    await expect(isFocused(page, refused)).resolves.toBe(true);

    await page.getByLabel('Omschrijving van de maatregel').fill(MAATREGEL);
    await page.getByLabel('Eigenaar').fill('Teamleider Matchen');
    await page.getByLabel('Deadline').fill('2024-09-30');
    await page.getByRole('button', { name: 'Maatregel opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Maatregel opgeslagen.' }).waitFor();
    await expect(isFocused(page, 'Maatregel opgeslagen.')).resolves.toBe(true);
    const maatregel = page.getByRole('region', { name: 'Maatregel' }).getByRole('definition');
    await expect(maatregel.allTextContents()).resolves.toEqual([MAATREGEL, 'Teamleider Matchen', '30 september 2024']);

    // closing before it was discussed needs a reason
    await page.getByRole('button', { name: 'Afsluiten' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Geef een reden om de afwijking af te sluiten zonder dat ze besproken is.' })
      .waitFor();

    await page.getByRole('button', { name: 'Maatregel afgesproken' }).click();
    const moved = "De stand is gewijzigd van 'toegelicht' naar 'maatregel afgesproken'.";
    await page.getByRole('status').filter({ hasText: moved }).waitFor();
    await expect(isFocused(page, moved)).resolves.toBe(true);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await page.getByText('Deze afwijking staat op maatregel afgesproken.').waitFor();
    await expect(
      page
        .getByRole('table', { name: /Geschiedenis/ })
        .getByRole('row')
        .last()
        .textContent(),
    ).resolves.toMatch(/beleidStand van 'toegelicht' naar 'maatregel afgesproken'/);
    await page.screenshot({ path: '/tmp/overleg-thread.png', fullPage: true });
    await expectNoAxeViolations(page, 'afwijking (beleid)');
  });

  it('shows the toelichting, maatregel, eigenaar, deadline and state on the Kwartaaloverleg screen, one click from the thread', async () => {
    const page = beleid;
    await page.goto(`${server.url}/dvo/${DVO}/kwartaal/2024-Q2`);
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg 2e kwartaal 2024' }).waitFor();
    const card = page.locator('.deviation', { has: page.getByRole('heading', { level: 3, name: UITSTROOM }) });
    await card.getByText(TOELICHTING).waitFor();
    await card.getByText(MAATREGEL).waitFor();
    await expect(card.getByRole('definition').allTextContents()).resolves.toEqual([
      'Teamleider Matchen',
      '30 september 2024',
    ]);
    await expect(card.getByText(/^Stand:/).textContent()).resolves.toMatch(/Stand: maatregel afgesproken\./);
    await expect(page.getByText(/volgende versie/).count()).resolves.toBe(0);
    // a deviation nobody explained yet says so
    await expect(page.getByText('Nog geen toelichting van de opdrachtnemer.').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/kwartaal-threads.png', fullPage: true });
    await card.screenshot({ path: '/tmp/kwartaal-card.png' });
    await expectNoAxeViolations(page, 'kwartaaloverleg met afwijkingsdraden');

    await card.getByRole('link', { name: 'Open de afwijking om toelichting of maatregel vast te leggen' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(UITSTROOM) }).waitFor();
    await expect(page.locator('.overleg-current').first().textContent()).resolves.toBe(TOELICHTING);
  });

  it('lets beleid open a kwartaaloverleg for 2024-Q2, add an actiepunt and mark the deviation besproken', async () => {
    const page = beleid;
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Overleg', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor();
    await page.getByText('Er is nog geen overleg geopend voor deze DVO.').waitFor();
    await page.getByLabel('Soort overleg').selectOption('kwartaaloverleg');
    await page.getByLabel('Datum').fill('2024-07-12');
    await page.getByLabel('Besproken periode').selectOption('2024-Q2');
    await page.getByLabel('Titel (optioneel)').fill('Kwartaaloverleg Q2 met KonnecteD');
    await page.getByLabel('Aanwezigen').fill('Beleid (gemeente)\nTeamleider (KonnecteD)\n');
    await page.screenshot({ path: '/tmp/overleg-meetings-form.png', fullPage: true });
    await expectNoAxeViolations(page, 'overleggen (formulier)');
    await page.getByRole('button', { name: 'Kwartaaloverleg over 2e kwartaal 2024 openen' }).click();

    const heading = page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg van 12 juli 2024' });
    await heading.waitFor();
    await expect(heading.evaluate((h) => h === document.activeElement)).resolves.toBe(true);
    await page.getByRole('status').filter({ hasText: 'Het overleg is geopend.' }).waitFor();
    await page.getByText('Beleid (gemeente), Teamleider (KonnecteD)').waitFor();
    meetingUrl = page.url();

    // the frozen list: the deviation as it stood at the opening
    const frozen = page.getByRole('table', { name: 'Afwijkingen van het kwartaaloverleg van 12 juli 2024' });
    const row = frozen.getByRole('row', { name: new RegExp(UITSTROOM) });
    await expect(row.textContent()).resolves.toMatch(/maatregel afgesproken/);
    await expect(row.textContent()).resolves.toContain(TOELICHTING);
    await expect(row.textContent()).resolves.toContain('Eigenaar: Teamleider Matchen');

    await page.getByLabel('Tekst').fill(ACTIEPUNT);
    await page.getByLabel('Eigenaar (optioneel)').fill('KonnecteD, teamleider Matchen');
    await page.getByLabel('Deadline (optioneel)').fill('2024-09-01');
    await page.getByLabel('Bij afwijking (optioneel)').selectOption({ label: UITSTROOM });
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    const added = `Actiepunt toegevoegd: ${ACTIEPUNT}`;
    await page.getByRole('status').filter({ hasText: added }).waitFor();
    await expect(isFocused(page, added)).resolves.toBe(true);
    const items = page.getByRole('table', { name: 'Besluiten en actiepunten' });
    const item = items.getByRole('row', { name: new RegExp(ACTIEPUNT) });
    await expect(item.getByRole('cell').allTextContents()).resolves.toEqual([
      'Actiepunt',
      'KonnecteD, teamleider Matchen',
      '1 september 2024',
      UITSTROOM,
      'dit overleg',
      'open',
      'Afronden',
    ]);
    // done and open again; the button keeps the focus and the outcome is announced
    await item.getByRole('button', { name: `Afronden: ${ACTIEPUNT}` }).click();
    await item.getByRole('button', { name: `Heropenen: ${ACTIEPUNT}` }).waitFor();
    await expect(item.textContent()).resolves.toMatch(/afgerond.*door beleid/);
    await page
      .getByRole('status')
      .filter({ hasText: `Afgerond: ${ACTIEPUNT}` })
      .waitFor();
    await item.getByRole('button', { name: `Heropenen: ${ACTIEPUNT}` }).click();
    await item.getByRole('button', { name: `Afronden: ${ACTIEPUNT}` }).waitFor();
    await page.screenshot({ path: '/tmp/overleg-meeting.png', fullPage: true });
    await expectNoAxeViolations(page, 'overleg');

    // in the meeting: the deviation is discussed
    await row.getByRole('link', { name: UITSTROOM }).click();
    await page.getByRole('link', { name: 'Terug naar kwartaaloverleg van 12 juli 2024' }).waitFor();
    await page.getByLabel('Notitie bij de wijziging (optioneel)').fill('Besproken in het kwartaaloverleg.');
    await page.getByRole('button', { name: 'Besproken', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "De stand is gewijzigd van 'maatregel afgesproken' naar 'besproken'." })
      .waitFor();
    await expect(
      page
        .getByRole('table', { name: /Geschiedenis/ })
        .getByRole('row')
        .last()
        .textContent(),
    ).resolves.toMatch(
      /beleidStand van 'maatregel afgesproken' naar 'besproken'Reden: Besproken in het kwartaaloverleg\./,
    );

    await page.getByRole('link', { name: 'Terug naar kwartaaloverleg van 12 juli 2024' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg van 12 juli 2024' }).waitFor();
    await page.getByRole('link', { name: 'Terug naar de overleggen' }).click();
    const meetings = page.getByRole('table', { name: 'Overleggen, nieuwste eerst' });
    await expect(meetings.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /^12 juli 2024: kwartaaloverlegKwartaaloverleg2e kwartaal 2024Kwartaaloverleg Q2 met KonnecteDBeleid \(gemeente\), Teamleider \(KonnecteD\).*door beleid$/,
    );
    await page.screenshot({ path: '/tmp/overleg-meetings.png', fullPage: true });
    await expectNoAxeViolations(page, 'overleggen');
  });

  it('exports the meeting as PDF with the toelichting and as XLSX with the rows of the list', async () => {
    const page = beleid;
    await page.goto(meetingUrl);
    await page.getByRole('heading', { level: 1, name: 'Kwartaaloverleg van 12 juli 2024' }).waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe(`kwartaaloverleg-2024-07-12-afwijkingen-${DVO}.pdf`);
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', (await pdf.path()) as string, '-']);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(TOELICHTING);
    expect(flat).toContain(ACTIEPUNT);
    expect(flat).toContain('Kwartaaloverleg 12 juli 2024');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (xlsx)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`kwartaaloverleg-2024-07-12-afwijkingen-${DVO}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path()) as string);
    const sheet = workbook.getWorksheet('Afwijkingen');
    if (!sheet) throw new Error('werkblad Afwijkingen ontbreekt');
    const header = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const column = (name: string) => {
      const index = header.indexOf(name);
      expect(index, name).toBeGreaterThan(0);
      return index;
    };
    const columns = ['Afspraak', 'Status', 'Toelichting', 'Stand'].map(column);
    const cells: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(columns.map((i) => String(row.getCell(i).value ?? '')));
    });

    const list = await page.evaluate(
      async ({ dvo, id }) => (await fetch(`/api/dvos/${dvo}/meetings/${id}/deviations`)).json(),
      { dvo: DVO, id: meetingUrl.split('/').pop() },
    );
    const STATE: Record<string, string> = { toegelicht: 'toegelicht', maatregel_afgesproken: 'maatregel afgesproken' };
    expect(list.rows.length).toBeGreaterThan(10);
    expect(cells).toEqual(
      list.rows.map((r: { name: string; status: DeviationStatus; toelichting: string | null; state: string }) => [
        r.name,
        DEVIATION_STATUS_LABEL[r.status],
        r.toelichting ?? '',
        STATE[r.state] ?? r.state,
      ]),
    );
    // the frozen list still has the state of the opening, not 'besproken'
    const uitstroom = list.rows.find((r: { indicator: string }) => r.indicator === 'uitstroom').name;
    expect(cells.find((c) => c[0] === uitstroom)).toEqual([
      uitstroom,
      'Aandacht',
      TOELICHTING,
      'maatregel afgesproken',
    ]);
  });

  it('shows markup in a toelichting as text and runs no script', async () => {
    const page = teamleider;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/dvo/${DVO}/afwijkingen?periode=2024-Q2`);
    const row = page.getByRole('row', { name: /Nieuwe LKS-ers naar werk/ });
    await row.getByRole('link', { name: 'Nieuwe LKS-ers naar werk' }).click();
    await page.getByRole('heading', { level: 1, name: /Nieuwe LKS-ers naar werk/ }).waitFor();
    await page.getByRole('textbox', { name: 'Toelichting', exact: true }).fill(MARKUP);
    await page.getByRole('button', { name: 'Toelichting opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Toelichting opgeslagen.' }).waitFor();
    await expect(page.locator('.overleg-current').textContent()).resolves.toBe(MARKUP);
    await expect(page.locator('main img').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Terug naar de afwijkingen van 2e kwartaal 2024' }).click();
    const listed = page.getByRole('row', { name: /Nieuwe LKS-ers naar werk/ });
    // the list refreshes after the write
    await expect.poll(() => listed.getByRole('cell').nth(4).textContent()).toBe(MARKUP);
    await expect(page.locator('main img').count()).resolves.toBe(0);
    // an onerror handler would have fired by now
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });

  it('carries the open actiepunt on to the next meeting, where the werkbedrijf can record items too', async () => {
    const page = beleid;
    await page.goto(`${server.url}/dvo/${DVO}/overleg`);
    await page.getByLabel('Soort overleg').selectOption('voortgangsbespreking');
    await page.getByLabel('Datum').fill('2024-08-20');
    await page.getByLabel('Besproken periode').selectOption('2024-07');
    await page.getByRole('button', { name: 'Voortgangsbespreking over juli 2024 openen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Voortgangsbespreking van 20 augustus 2024' }).waitFor();
    const carried = page.getByRole('table', { name: 'Besluiten en actiepunten' }).getByRole('row', {
      name: new RegExp(ACTIEPUNT),
    });
    await expect(carried.textContent()).resolves.toContain('kwartaaloverleg van 12 juli 2024');

    // the werkbedrijf sees the meetings, cannot open one, but records a besluit
    await teamleider.goto(page.url());
    await teamleider.getByRole('heading', { level: 1, name: 'Voortgangsbespreking van 20 augustus 2024' }).waitFor();
    await teamleider.getByRole('radio', { name: 'Besluit' }).check();
    await teamleider.getByLabel('Tekst').fill('Rapportage Groeien oud voortaan voor de 14e');
    await teamleider.getByRole('button', { name: 'Toevoegen' }).click();
    await teamleider.getByRole('status').filter({ hasText: 'Besluit toegevoegd' }).waitFor();
    await teamleider.getByRole('link', { name: 'Terug naar de overleggen' }).click();
    await teamleider.getByRole('table', { name: 'Overleggen, nieuwste eerst' }).waitFor();
    await expect(teamleider.getByRole('heading', { name: 'Overleg openen' }).count()).resolves.toBe(0);
  });
});
