import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { closePage, loggedInPage } from './dashboard.ts';
import { type RunningServer, startServer } from './server-process.ts';

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
  /** Logged in as the beheerder, landed on the month screen (loggedInPage). */
  page: Page;
}

/**
 * A test file's real server (own database, demo data) and browser, with one page logged in as the
 * beheerder: started before the file's tests (`ready` gets them) and stopped after.
 */
export function browserSuite(ready: (suite: BrowserSuite) => void): void {
  let suite: Partial<BrowserSuite> = {};
  beforeAll(async () => {
    const server = await startServer();
    suite = { server };
    const browser = await launchBrowser();
    suite.browser = browser;
    suite.page = await loggedInPage(browser, server);
    ready(suite as BrowserSuite);
  }, 240_000);
  afterAll(async () => {
    if (suite.page) await closePage(suite.page);
    await suite.browser?.close();
    await suite.server?.stop();
  });
}
