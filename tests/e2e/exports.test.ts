import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations, DEMO_DVO, monthTablesDrawn } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

// Issue #13 point 10: the Maandoverzicht and the delivered figures leave the app as Excel workbooks
// from the screens where people look at them. SCREENSHOT_DIR=… saves the screens at 1400 and 360 px.

const SLOW = 120_000;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Gebruikersnaam').fill('beheerder');
  await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Maandoverzicht/ }).waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function screenshots(name: string, part?: ReturnType<Page['locator']>) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const width of [1400, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const path = `${dir}/${name}-${width}.png`;
    await (part ? part.screenshot({ path }) : page.screenshot({ path }));
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

async function downloadedWorkbook(
  link: ReturnType<Page['getByRole']>,
): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  return { name: download.suggestedFilename(), book };
}

describe('downloads from the screens', { timeout: SLOW }, () => {
  it('downloads the Maandoverzicht of the month on screen as a workbook', async () => {
    await page.goto(`${server.url}/dvo/${DEMO_DVO}/maand/2024-06`);
    await monthTablesDrawn(page);
    const link = page.getByRole('link', { name: 'Maandoverzicht juni 2024 downloaden (Excel)' });
    await expect(link.getAttribute('href')).resolves.toBe(`/api/dvos/${DEMO_DVO}/status?period=2024-06&format=xlsx`);
    await screenshots('maandoverzicht');
    const { name, book } = await downloadedWorkbook(link);
    expect(name).toBe(`maandoverzicht-${DEMO_DVO}-2024-06.xlsx`);
    const sheet = book.getWorksheet('Maandoverzicht') as ExcelJS.Worksheet;
    const shown = await page.locator('.result-count').textContent();
    // "62 afspraken." on screen; the workbook has a line per agreement and per judged segment
    expect(sheet.rowCount - 1).toBeGreaterThanOrEqual(Number(shown?.match(/(\d+) afspraken/)?.[1]));
    expect(await axeViolations(page)).toEqual([]);
  });

  it('downloads the delivered figures of the month and of the year from Aanleveren', async () => {
    await page.goto(`${server.url}/dvo/${DEMO_DVO}/aanleveren?periode=2024-06`);
    const month = page.getByRole('link', { name: 'Cijfers juni 2024 (Excel)' });
    await month.waitFor();
    await screenshots('aanleveren-cijfers', page.locator('section[aria-labelledby="cijfers-export-kop"]'));
    const first = await downloadedWorkbook(month);
    expect(first.name).toBe(`cijfers-${DEMO_DVO}-2024-06-2024-06.xlsx`);
    const sheet = first.book.getWorksheet('Cijfers') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBeGreaterThan(20);
    const periods = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) periods.add(row.getCell(5).text);
    });
    // June itself, and the quarter and year figures that June falls in
    expect(periods.has('2024-06')).toBe(true);
    for (const period of periods) expect(['2024-06', '2024-Q2', '2024']).toContain(period);
    const year = await downloadedWorkbook(page.getByRole('link', { name: 'Alle cijfers 2024 (Excel)' }));
    expect((year.book.getWorksheet('Cijfers') as ExcelJS.Worksheet).rowCount).toBeGreaterThan(sheet.rowCount);
    expect(await axeViolations(page)).toEqual([]);
  });
});
