import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { createUser, logIn } from '../helpers/dashboard.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';

const DVO = 'deventer-konnected-2024';
const SLOW = 120_000;
const ACTION = 'Plan van aanpak verzuim aanleveren';

let server: RunningServer;
let browser: Browser;
let page: Page;
let meetingId: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Gebruikersnaam').fill('beheerder');
  await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/maand\/\d{4}-\d{2}$/);
  // an action item on the beheerder's name, in a meeting of next year (so also a next meeting)
  const nextYear = new Date().getFullYear() + 1;
  meetingId = await page.evaluate(
    async ({ dvo, action, date }) => {
      const session = await (await fetch('/api/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
      const meeting = await fetch(`/api/dvos/${dvo}/meetings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'kwartaaloverleg', date, period: '2024-Q4' }),
      });
      const { id } = await meeting.json();
      await fetch(`/api/dvos/${dvo}/meetings/${id}/items`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'actiepunt', text: action, owner: 'beheerder', deadline: `${date}` }),
      });
      return id as number;
    },
    { dvo: DVO, action: ACTION, date: `${nextYear}-01-15` },
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(target: Page, state: string) {
  const result = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${state}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

describe('Te doen', () => {
  it(
    'shows the count in the main menu, lists the action item, and opens its meeting in one click',
    async () => {
      await page.reload();
      const count = await page.evaluate(async () => (await (await fetch('/api/todo')).json()).count as number);
      expect(count).toBeGreaterThan(0);
      const menuLink = page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: `Te doen ${count} open`, exact: true });
      await menuLink.click();
      await page.waitForURL(/\/te-doen$/);
      await page.getByRole('heading', { level: 1, name: 'Te doen' }).waitFor();
      const actions = page.getByRole('region', { name: 'Uw actiepunten (1)' });
      await actions.waitFor();
      await expect(page.getByRole('region', { name: 'Volgende overleggen' }).getByRole('link').count()).resolves.toBe(
        1,
      );
      await expectNoAxeViolations(page, 'Te doen 1280');

      await page.setViewportSize({ width: 360, height: 800 });
      await actions.waitFor();
      const [scrollWidth, width] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page, 'Te doen 360');
      await page.setViewportSize({ width: 1280, height: 900 });

      await actions.getByRole('link', { name: ACTION }).click();
      await page.waitForURL(new RegExp(`/dvo/${DVO}/overleg/${meetingId}$`));
      await page.getByText(ACTION).first().waitFor();
    },
    SLOW,
  );

  it(
    'shows a lezer only the lists a lezer can have items in, and the beheerder every list',
    async () => {
      await page.goto(`${server.url}/te-doen`);
      await page.getByRole('heading', { level: 1, name: 'Te doen' }).waitFor();
      await page.getByRole('region', { name: /^Aan te leveren/ }).waitFor();
      await page.getByRole('region', { name: /^Afwijkingen die op u wachten/ }).waitFor();

      const password = await createUser(page, {
        username: 'wethouder',
        role: 'lezer',
        organisation: 'gemeente-deventer',
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const lezer = await context.newPage();
      await lezer.goto(server.url);
      await logIn(lezer, 'wethouder', password);
      await lezer.goto(`${server.url}/te-doen`);
      await lezer.getByText('Als lezer levert u geen cijfers aan').waitFor();
      await lezer.getByRole('region', { name: /^Uw actiepunten/ }).waitFor();
      await lezer.getByRole('region', { name: 'Volgende overleggen' }).waitFor();
      await expect(lezer.getByRole('region', { name: /^Aan te leveren/ }).count()).resolves.toBe(0);
      await expect(lezer.getByRole('region', { name: /^Afwijkingen die op u wachten/ }).count()).resolves.toBe(0);
      await expectNoAxeViolations(lezer, 'Te doen, lezer');
      await context.close();
    },
    SLOW,
  );

  it(
    'switches a reminder kind off and keeps it off after a reload, and says the server sends no mail',
    async () => {
      await page.goto(`${server.url}/te-doen`);
      const mail = page.getByRole('region', { name: 'Herinneringen per e-mail' });
      await mail.getByText('Deze server verstuurt geen e-mail').waitFor();
      const box = mail.getByRole('checkbox', { name: 'Aanlevering te laat' });
      await expect.poll(() => box.isChecked()).toBe(true);
      await box.uncheck();
      await mail.getByText('Opgeslagen.').waitFor();
      await page.reload();
      const after = page
        .getByRole('region', { name: 'Herinneringen per e-mail' })
        .getByRole('checkbox', { name: 'Aanlevering te laat' });
      await expect.poll(() => after.isChecked()).toBe(false);
      // Beheer says the same, and takes an e-mail address for a user
      await page.goto(`${server.url}/beheer`);
      await page.getByText('E-mailherinneringen staan uit').waitFor();
    },
    SLOW,
  );
});
