import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningServer } from './server-process.ts';

export const DEMO_DVO = 'deventer-konnected-2024';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new WeakMap<RunningServer, StorageState>();

/**
 * A fresh page (own context: no period memory, no cache), logged in as the beheerder, landed on the
 * month screen. The first page of a server logs in through the login screen; later ones reuse that
 * session's cookie, as a user's next tab would. Logging in anew for each of a file's many tests ran
 * into the login route's limit of 10 attempts a minute per address on a quiet machine (429: the
 * eleventh test never left the login screen).
 */
export async function loggedInPage(browser: Browser, server: RunningServer): Promise<Page> {
  const saved = sessions.get(server);
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ...(saved ? { storageState: saved } : {}),
  });
  const page = await context.newPage();
  await page.goto(server.url);
  if (!saved) {
    await page.getByLabel('Gebruikersnaam').fill('beheerder');
    await page.getByLabel('Wachtwoord').fill(server.beheerderPassword as string);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }
  await page.waitForURL(/\/maand\/\d{4}-\d{2}/);
  if (!saved) sessions.set(server, await context.storageState());
  return page;
}

/**
 * Waits until the month screen has drawn every agreement and its sparkline: it draws a few
 * agreements per task, and says "wordt geladen" in its result count until it is done.
 */
export async function monthTablesDrawn(page: Page): Promise<void> {
  const count = page.locator('.result-count');
  await count.waitFor();
  // fails the test when the screen is still drawing after 15 s
  await expect.poll(() => count.textContent(), { timeout: 15_000 }).not.toMatch(/wordt geladen/);
}

/** Closes a page from loggedInPage together with its context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** axe-core on the page as it is now, against WCAG 2.1 A and AA; returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
}

/** Sends figures through the API with the page's session (as an upload would), e.g. a correction. */
export async function deliverFigures(page: Page, dvo: string, figures: Record<string, unknown>[]): Promise<number> {
  return page.evaluate(
    async ({ dvo, figures }) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/dvos/${dvo}/figures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ figures }),
      });
      return response.status;
    },
    { dvo, figures },
  );
}

/** A user made by the beheerder through the API with the page's session; returns the password the server made up. */
export async function createUser(
  page: Page,
  user: { username: string; role: string; organisation: string | null },
): Promise<string> {
  return page.evaluate(async (user) => {
    const session = await (await fetch('/api/session')).json();
    const response = await fetch('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(user),
    });
    return (await response.json()).password as string;
  }, user);
}

/** Logs in through the login screen on a page showing it, and waits for the landing month screen. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/maand\/\d{4}-\d{2}/);
}
