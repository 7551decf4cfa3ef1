/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedFile } from '../../src/config/paths.js';
import { wcagViolations } from './support/axe.js';
import { type Browser, launchBrowser } from './support/browser.js';
import { type DashboardServer, startDashboardServer } from './support/dashboard-server.js';
import { syntheticSurvey } from './support/survey-figures.js';

/** The dashboard with triangulated survey figures stored: the survey panels draw and stay accessible. */

let server: DashboardServer;
let browser: Browser;
let page: Page;

async function openDashboard(path: string): Promise<void> {
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset['state'] === 'ready', undefined, {
    timeout: 15_000,
  });
}

const rowOf = (panel: string, header: string) =>
  page.locator(`#${panel} tbody tr`, { has: page.locator('th', { hasText: header }) }).locator('td');

beforeAll(async () => {
  server = await startDashboardServer({ comments: 90, triangulation: syntheticSurvey() });
  browser = await launchBrowser(server.origin);
  page = await browser.context.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard with survey figures', () => {
  it('charts where survey results are hidden and the national estimates, rare cancers only', async () => {
    await openDashboard('/dashboard');
    for (const id of ['national-suppression', 'national-estimate']) {
      const box = await page.locator(`#${id} .chart svg`).boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(100);
    }
    expect(await rowOf('national-suppression', 'Sarcoma').allTextContents()).toEqual(['0', '3']);
    expect(await rowOf('national-suppression', 'Skin').allTextContents()).toEqual(['2', '1']);
    const groups = await page.locator('#national-suppression tbody th').allTextContents();
    expect(groups).not.toContain('Breast');
    expect(groups).toHaveLength(9);
    // Sarcoma is the ninth group of TUMOUR_GROUPS (index 8): 75 + 8 with its interval.
    expect(await rowOf('national-estimate', 'Sarcoma').allTextContents()).toEqual(['2024', '83 (80 to 86)']);
  });

  it('sets the survey figure beside the comments for each theme, saying where it comes from', async () => {
    await openDashboard('/dashboard?trust=RBV&group=sarcoma');
    expect(await page.locator('#trust-themes .chart svg').count()).toBe(1);
    const waiting = await rowOf('trust-themes', 'Waiting times').allTextContents();
    expect(waiting[2]).toMatch(/^\d+ \(\d+ to \d+\)$/);
    expect(waiting[3]).toBe(
      'CareVoice estimate: the survey result is hidden, estimated from other published survey results and comments',
    );

    await page.selectOption('#group-select', 'skin');
    await page.waitForFunction(() => document.documentElement.dataset['state'] === 'ready');
    const published = await rowOf('trust-themes', 'Waiting times').allTextContents();
    expect(published[3]).toMatch(/^Published survey result \(\d+ people\)$/);
    expect(await page.locator('#trust-themes').textContent()).toContain('Overall survey score');
  });

  it('has no WCAG 2.2 A or AA violations with the survey panels drawn', async () => {
    await openDashboard('/dashboard?trust=RBV&group=sarcoma');
    await page.locator('details').evaluateAll((all) => {
      for (const details of all) (details as HTMLDetailsElement).open = true;
    });
    expect(await wcagViolations(page)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });

  it('saves a screenshot to docs/dashboard.png', async () => {
    await openDashboard('/dashboard?trust=RBV&group=sarcoma');
    const path = shippedFile('docs/dashboard.png');
    await mkdir(dirname(path), { recursive: true });
    const image = await page.screenshot({ path, fullPage: true });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });
});
