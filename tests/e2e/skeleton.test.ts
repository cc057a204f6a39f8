import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ DEMO: '0' });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first start, in a real browser', () => {
  it('prints the beheerder password once at the first start', () => {
    expect(server.beheerderPassword).toMatch(/^\S{12,}$/);
    expect(server.output().match(/wachtwoord:/g)).toHaveLength(1);
  });

  it('logs in through the login screen and finds the catalogue by chapter', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await page.getByLabel('Gebruikersnaam').fill('beheerder');
    await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    // the landing screen is the month overview; the catalogue is one click away in the main menu
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afspraken' }).click();
    await page.getByRole('heading', { level: 1, name: /Afspraken/ }).waitFor();
    expect(page.url()).toMatch(/\/dvo\/deventer-konnected-2024\/afspraken$/);
    await page.getByRole('heading', { level: 2, name: 'Matchen en Groeien' }).waitFor();
    const uitstroom = page.getByRole('row', { name: /Uitstroom.*uitstroom/ }).first();
    await expect(uitstroom.textContent()).resolves.toMatch(/minimaal 400 per jaar \(marge 10%\)/);
    await expect(uitstroom.textContent()).resolves.toMatch(/art\. 7/);
    const verzuim = page.getByRole('row', { name: /wsw_verzuim/ });
    await expect(verzuim.textContent()).resolves.toMatch(/voorlopige waarde/);
    await page.close();
  });

  it('shows the login screen again after logging out', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel('Gebruikersnaam').fill('beheerder');
    await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // the landing screen first, so the click is not overtaken by its redirect
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/dvos')).status);
    expect(status).toBe(401);
    await page.close();
  });
});
