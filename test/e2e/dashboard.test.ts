/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUMOUR_GROUPS } from '../../src/domain/model.js';
import { wcagViolations } from './support/axe.js';
import { type Browser, launchBrowser } from './support/browser.js';
import { ALERT_TEXT, ALERT_TRUST, type DashboardServer, startDashboardServer } from './support/dashboard-server.js';

/** The dashboard in headless Chromium over a real API: it loads, draws, filters, is accessible and works by keyboard. */

let server: DashboardServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function settled(): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset['state'] === 'ready', undefined, {
    timeout: 15_000,
  });
}

async function openDashboard(path = '/'): Promise<void> {
  await page.goto(`${server.origin}${path}`);
  await settled();
}

beforeAll(async () => {
  server = await startDashboardServer({ comments: 150 });
  browser = await launchBrowser(server.origin);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (entry) => {
    // Failed loads are judged by their URL below: a 404 from a triangulation route not yet installed is expected.
    if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource')) pageErrors.push(entry.text());
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const expected =
      (response.status() === 404 && pathname.startsWith('/v1/triangulation')) ||
      (response.status() === 500 && response.request().url().includes('tumourGroup=skin'));
    if (response.status() >= 400 && !expected) pageErrors.push(`${response.status()} from ${response.url()}`);
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard page', () => {
  it('loads at / with its views, from this origin only and without script errors', async () => {
    await openDashboard('/');
    expect(await page.title()).toBe('CareVoice: cancer patient experience');
    expect(await page.locator('h1').textContent()).toBe('Cancer patient experience');
    // Visible ones: the API key form stays hidden while the API asks for no key.
    expect(await page.locator('h2:visible').allTextContents()).toEqual([
      'Rare and less common cancers in England',
      'One trust',
    ]);
    expect(browser.foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says the survey is not imported yet when the triangulation API has nothing', async () => {
    const response = await fetch(`${server.origin}/v1/triangulation/summary`);
    const body = response.ok ? ((await response.json()) as { items: unknown[] }) : null;
    // The seeded store has no CPES import: the route is either absent (404) or has no rows.
    expect(response.status === 404 || body?.items.length === 0).toBe(true);
    for (const id of ['national-suppression', 'national-estimate']) {
      await expect(page.locator(`#${id}`).textContent()).resolves.toContain('No survey data imported yet');
    }
  });

  it('draws every chart with a non-zero size, an accessible name and a data table', async () => {
    const charts = page.locator('.chart');
    // National comments, trust themes and trust trend.
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      const drawing = chart.locator('svg, canvas').first();
      const box = await drawing.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(100);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Chart: .+/);
      const panel = chart.locator('xpath=ancestor::section[contains(@class, "panel")]');
      expect(await panel.locator('details table tbody tr').count()).toBeGreaterThan(0);
    }
    // The national comments panel plots one row per group it has comments for, plus all cancers.
    const national = await page.locator('#national-comments tbody th').allTextContents();
    expect(national).toContain('Sarcoma');
    expect(national.at(-1)).toBe('All cancers');
  });

  it('offers every tumour group in the cancer type picker', async () => {
    const values = await page
      .locator('#group-select option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect([...values].sort()).toEqual(['all', ...TUMOUR_GROUPS].sort());
  });

  it('shows another trust and cancer type when the filters change', async () => {
    await openDashboard('/dashboard');
    const trusts = await page
      .locator('#trust-select option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect([...trusts].sort()).toEqual(['RAX', 'RBV', 'RPY']);
    const other = trusts.find((code) => code !== ALERT_TRUST)!;

    await page.selectOption('#trust-select', ALERT_TRUST);
    await settled();
    await expect(page.locator('#trust-alerts').textContent()).resolves.toContain(ALERT_TEXT);
    const trendBefore = await page.locator('#trust-trend caption').textContent();

    await page.selectOption('#trust-select', other);
    await settled();
    expect(await page.locator('#trust-alerts').textContent()).toContain('No alerts');
    expect(await page.locator('#trust-trend caption').textContent()).not.toBe(trendBefore);
    expect(new URL(page.url()).searchParams.get('trust')).toBe(other);

    const scoreQueries: URLSearchParams[] = [];
    const recordScores = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/scores') scoreQueries.push(url.searchParams);
    };
    page.on('request', recordScores);
    await page.selectOption('#group-select', 'sarcoma');
    await settled();
    page.off('request', recordScores);
    // One cancer type's cells for the trust, never the trust's every cell (hundreds of KB).
    expect(scoreQueries.map((q) => Object.fromEntries(q))).toEqual([{ odsCode: other, tumourGroup: 'sarcoma' }]);
    expect(await page.locator('#trust-status').textContent()).toContain('sarcoma');
    expect(await page.locator('#trust-trend caption').textContent()).toContain('sarcoma');
    // Every example comment shown is about sarcoma at the chosen trust, as the API was asked.
    const quotes = await page.locator('#trust-comments blockquote').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(quote).toContain('sarcoma');
  });

  it('lists the months of the trust on screen however quickly the choices come', async () => {
    await openDashboard('/dashboard');
    const shown = await page.locator('#trust-select').inputValue();
    const trusts = await page
      .locator('#trust-select option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const next = trusts.find((code) => code !== shown)!;
    // The next trust's answers are held back, so a change of cancer type overtakes the change of
    // trust; its months are answered with a list no other trust has, so a stale list shows.
    const months = ['2025-05', '2025-04', '2025-02'];
    const hold = () => new Promise((resolve) => setTimeout(resolve, 500));
    const monthsUrl = `**/v1/scores?odsCode=${next}&theme=all&tumourGroup=all`;
    const cellsUrl = `**/v1/scores?odsCode=${next}&tumourGroup=*`;
    await page.route(cellsUrl, async (route) => {
      await hold();
      await route.continue();
    });
    await page.route(monthsUrl, async (route) => {
      await hold();
      const items = months.map((period) => ({ odsCode: next, theme: 'all', tumourGroup: 'all', period }));
      await route.fulfill({ json: { items } });
    });
    try {
      await page.selectOption('#trust-select', next);
      await page.selectOption('#group-select', 'sarcoma');
      await settled();
    } finally {
      await page.unroute(monthsUrl);
      await page.unroute(cellsUrl);
    }
    const listed = await page
      .locator('#month-select option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(listed).toEqual(months);
    expect(new URL(page.url()).searchParams.get('trust')).toBe(next);
    expect(await page.locator('#trust-status').textContent()).toContain('sarcoma');
  });

  it('says so when a choice cannot be loaded, and settles', async () => {
    await openDashboard('/dashboard');
    const trust = await page.locator('#trust-select').inputValue();
    const failing = `**/v1/scores?odsCode=${trust}&tumourGroup=skin`;
    await page.route(failing, (route) => route.fulfill({ status: 500, json: { error: 'internal' } }));
    try {
      await page.selectOption('#group-select', 'skin');
      await settled();
    } finally {
      await page.unroute(failing);
    }
    expect(await page.locator('#trust-panels').textContent()).toContain('The trust view could not be loaded');
    expect(await page.locator('#trust-status').textContent()).toBe('The trust view could not be loaded.');
  });

  it('can be used by keyboard alone: tab to the trust picker and change it with the arrow keys', async () => {
    await openDashboard('/dashboard');
    const before = await page.locator('#trust-select').inputValue();
    const statusBefore = await page.locator('#trust-status').textContent();
    let focused = '';
    for (let presses = 0; presses < 60 && focused !== 'trust-select'; presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('trust-select');
    const outline = await page.locator('#trust-select').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press(before === (await lastTrust()) ? 'ArrowUp' : 'ArrowDown');
    await settled();
    expect(await page.locator('#trust-select').inputValue()).not.toBe(before);
    expect(await page.locator('#trust-status').textContent()).not.toBe(statusBefore);
  });

  it('has no WCAG 2.2 A or AA violations, with every data table open', async () => {
    await openDashboard(`/dashboard?trust=${ALERT_TRUST}`);
    await page.locator('details').evaluateAll((all) => {
      for (const details of all) (details as HTMLDetailsElement).open = true;
    });
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('axe reports a select without a label, so a clean run means something', async () => {
    await openDashboard('/dashboard');
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('select')));
    const violations = await wcagViolations(page);
    expect(violations.some((v) => v.startsWith('select-name'))).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});

async function lastTrust(): Promise<string> {
  return page
    .locator('#trust-select option')
    .last()
    .evaluate((o) => (o as HTMLOptionElement).value);
}
