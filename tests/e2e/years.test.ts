import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { axeViolations, DEMO_DVO } from '../helpers/dashboard.ts';
import type { RunningServer } from '../helpers/server-process.ts';

// a real server and a browser on a shared machine
const SLOW = 120_000;
const NEXT = 'deventer-konnected-2025';

let server: RunningServer;
let page: Page;

browserSuite((suite) => {
  ({ server, page } = suite);
});

describe('the year cycle in the browser', () => {
  it(
    'a beheerder makes DVO 2025 from 2024 as a concept, activates it, and its Indicator screen shows 2024 beside it',
    async () => {
      await page.goto(`${server.url}/beheer#dvos`);
      const section = page.getByRole('region', { name: "DVO's", exact: true });
      await expect.poll(() => section.getByRole('row').count()).toBeGreaterThan(1);
      const form = page.getByRole('form', { name: 'Nieuwe DVO' });
      await form.getByLabel('Beginnen met').selectOption(DEMO_DVO);
      await form.getByLabel('Jaar').fill('2025');
      // name and code follow from the copied DVO and the year
      await expect.poll(() => form.getByText(`Leeg: ${NEXT}`).count()).toBe(1);
      await form.getByRole('button', { name: 'DVO als concept aanmaken' }).click();
      await expect.poll(() => form.getByRole('status').textContent()).toMatch(/is aangemaakt als concept/);

      const row = section.getByRole('row', { name: /DVO 2025/ });
      await expect.poll(() => row.getByRole('cell', { name: 'Concept' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // a second one with the same code is refused with the reason, nothing added
      await form.getByRole('button', { name: 'DVO als concept aanmaken' }).click();
      await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/bestaat al een DVO/);

      await row.getByRole('button', { name: /^Activeren/ }).click();
      await page.getByRole('button', { name: 'Ja, activeren' }).click();
      await expect.poll(() => row.getByRole('cell', { name: 'Actief' }).count()).toBe(1);

      await page.goto(`${server.url}/dvo/${NEXT}/indicator/uitstroom?period=2025-01`);
      const years = page.getByRole('region', { name: 'Vorig jaar naast dit jaar', exact: true });
      await years.waitFor();
      const lastYear = years.getByRole('row', { name: /^2024/ });
      await expect.poll(() => lastYear.textContent()).toMatch(/minimaal 400 per jaar/);
      await expect.poll(() => years.getByRole('row', { name: /^2025/ }).textContent()).toMatch(/minimaal 400 per jaar/);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1400, height: 1000 });
      await years.screenshot({ path: '/tmp/years-indicator-1400.png' });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: '/tmp/years-indicator-360.png', fullPage: true });
      await page.goto(`${server.url}/beheer#dvos`);
      await section.waitFor();
      await section.screenshot({ path: '/tmp/years-beheer-360.png' });
      await page.setViewportSize({ width: 1400, height: 1000 });
      await section.screenshot({ path: '/tmp/years-beheer-1400.png' });
    },
    SLOW * 2,
  );
});
