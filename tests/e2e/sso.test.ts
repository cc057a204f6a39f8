import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { loadCatalogueFile } from '../../fixtures/catalogue.ts';
import { loadCatalogue } from '../../server/core/catalogue.ts';
import { prepareDatabase } from '../../server/setup.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations } from '../helpers/dashboard.ts';
import { type RunningProvider, startOidcProvider } from '../helpers/oidc-provider.ts';
import { type RunningServer, startServer } from '../helpers/server-process.ts';
import { SECOND_DVO_FILE } from '../helpers/test-app.ts';

const root = path.join(import.meta.dirname, '..', '..');
let dir: string;
let server: RunningServer;
let op: RunningProvider;
let browser: Browser;

/** `npm run cli -- sso add …` against the server's database, as a beheerder would type it. */
function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: server.dbFile, APP_URL: server.url, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  // a second DVO of other organisations beside the shipped one, to see that SSO users do not see it
  dir = mkdtempSync(path.join(tmpdir(), 'dvo-sso-'));
  const dbFile = path.join(dir, 'sso.db');
  const db = openDb(dbFile);
  prepareDatabase(db, { info: () => undefined });
  loadCatalogue(db, loadCatalogueFile(SECOND_DVO_FILE));
  db.$client.close();
  server = await startServer({ DEMO: '0' }, dbFile);
  op = await startOidcProvider(
    ['gemeente', 'werkbedrijf'].map((name) => ({
      clientId: `dvo-${name}`,
      clientSecret: `secret-${name}-0123456789`,
      redirectUri: `${server.url}/api/sso/${name === 'gemeente' ? 'deventer' : 'konnected'}/callback`,
      postLogoutRedirectUri: `${server.url}/`,
    })),
    {
      beleid: { email: 'beleid@deventer.example', preferred_username: 'beleid', groups: ['DVO-Beleid'] },
      teamleider: { email: 'teamleider@konnected.example', preferred_username: 'teamleider', groups: ['Teamleiders'] },
      kantine: { preferred_username: 'kantine', groups: ['Kantine'] },
    },
  );
  const gemeente = cli(
    [
      'sso',
      'add',
      'deventer',
      '--org',
      'gemeente-deventer',
      '--issuer',
      op.issuer,
      '--client-id',
      'dvo-gemeente',
      '--claim',
      'groups',
      '--map',
      'DVO-Beleid=opdrachtgever',
    ],
    { DVO_SSO_SECRET: 'secret-gemeente-0123456789' },
  );
  expect(gemeente.code, gemeente.err).toBe(0);
  expect(gemeente.out).toContain(`${server.url}/api/sso/deventer/callback`);
  const werkbedrijf = cli(
    [
      'sso',
      'add',
      'konnected',
      '--org',
      'konnected',
      '--issuer',
      op.issuer,
      '--client-id',
      'dvo-werkbedrijf',
      '--claim',
      'groups',
      '--map',
      'Teamleiders=opdrachtnemer',
    ],
    { DVO_SSO_SECRET: 'secret-werkbedrijf-0123456789' },
  );
  expect(werkbedrijf.code, werkbedrijf.err).toBe(0);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await op?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ssoLogin(organisation: string, loginName: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('link', { name: `Inloggen met ${organisation}` }).click();
  // the provider's own login screen, then its consent screen
  await page.locator('input[name="login"]').fill(loginName);
  await page.locator('input[name="password"]').fill('test');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  return page;
}

async function visibleDvos(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const body = await (await fetch('/api/dvos')).json();
    return body.dvos.map((d: { slug: string }) => d.slug);
  });
}

describe('single sign-on in a real browser', () => {
  it('logs a gemeente user in through the provider, who sees only the DVO of the gemeente, and logs out there too', async () => {
    const page = await ssoLogin('Gemeente Deventer', 'beleid');
    await page.waitForURL(/\/dvo\/deventer-konnected-2024\/maand\/\d{4}-\d{2}/);
    await expect(page.locator('.user-box').textContent()).resolves.toContain(
      'beleid (opdrachtgever, Gemeente Deventer)',
    );
    expect(await visibleDvos(page)).toEqual(['deventer-konnected-2024']);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    // the provider asks to confirm its own logout, then sends the browser back to the app
    await page.getByRole('button', { name: /Yes, sign me out/i }).click();
    await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/dvos')).status)).toBe(401);
    await page.context().close();
  });

  it('logs a werkbedrijf user in through its own provider, with the werkbedrijf role', async () => {
    const page = await ssoLogin('KonnecteD', 'teamleider');
    await page.waitForURL(/\/dvo\/deventer-konnected-2024\/maand\/\d{4}-\d{2}/);
    await expect(page.locator('.user-box').textContent()).resolves.toContain('teamleider (opdrachtnemer, KonnecteD)');
    expect(await visibleDvos(page)).toEqual(['deventer-konnected-2024']);
    await page.context().close();
  });

  it('says in Dutch why a login that no rule maps is refused', async () => {
    const page = await ssoLogin('Gemeente Deventer', 'kantine');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('geen rol in dvo-monitor');
    expect(await page.evaluate(async () => (await fetch('/api/dvos')).status)).toBe(401);
    await page.context().close();
  });

  it('shows the login screen with both organisations without axe violations, at 360 px too', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Inloggen met KonnecteD' }).waitFor();
    await expect(page.title()).resolves.toBe('Inloggen – dvo-monitor');
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await context.close();
  });

  it('opens the accessibility statement from the login screen, readable without logging in', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Toegankelijkheidsverklaring' }).click();
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' }).waitFor();
    await expect(page.title()).resolves.toBe('Toegankelijkheidsverklaring – dvo-monitor');
    await page.getByRole('heading', { name: 'Een probleem melden' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toMatch(/axe-core.*toetsenbord.*360 pixels/s);
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await context.close();
  });

  it('links the accessibility statement from every page after logging in', async () => {
    const page = await ssoLogin('KonnecteD', 'teamleider');
    await page.waitForURL(/\/maand\//);
    for (const screen of ['Afspraken', 'Aanleveren', 'Overleg']) {
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: screen, exact: true })
        .click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect(
        page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheidsverklaring' }).count(),
      ).resolves.toBe(1);
    }
    await page.context().close();
  });
});
