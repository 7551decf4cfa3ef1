/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/api/auth/api-key.js';
import { wcagViolations } from './support/axe.js';
import { type Browser, launchBrowser } from './support/browser.js';
import { type DashboardServer, startDashboardServer } from './support/dashboard-server.js';

/** The dashboard over an API that requires a key: it asks for one, refuses a wrong one, and draws with the right one. */

const key = generateApiKey();
let server: DashboardServer;
let browser: Browser;
let page: Page;
/** Every /v1 request the page made, with whether it carried the key. */
const requests: { path: string; withKey: boolean }[] = [];
const pageErrors: string[] = [];

const state = () => page.evaluate(() => document.documentElement.dataset['state']);
const waitForState = (wanted: string) =>
  page.waitForFunction((s) => document.documentElement.dataset['state'] === s, wanted, { timeout: 15_000 });

beforeAll(async () => {
  server = await startDashboardServer({ comments: 60, apiKey: key });
  browser = await launchBrowser(server.origin);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/v1/')) {
      requests.push({ path: pathname, withKey: request.headers()['authorization'] === `Bearer ${key.key}` });
    }
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard with API keys', () => {
  it('asks for a key, accessibly, and draws nothing before it has one', async () => {
    await page.goto(`${server.origin}/`);
    await waitForState('key-needed');
    expect(await page.locator('#api-key-form').isVisible()).toBe(true);
    expect(await page.locator('#national-view').isVisible()).toBe(false);
    expect(await page.locator('#trust-view').isVisible()).toBe(false);
    expect(await page.locator('#api-key-error').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key-input');
    expect(requests).toEqual([{ path: '/v1/alerts', withKey: false }]);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('refuses what is not a key before asking the API, and says why', async () => {
    requests.length = 0;
    await page.fill('#api-key-input', `“${key.key}”`);
    await page.press('#api-key-input', 'Enter');
    await page.waitForSelector('#api-key-error', { state: 'visible' });
    expect(await page.locator('#api-key-error').textContent()).toContain('not a CareVoice API key');
    expect(await page.locator('#api-key-input').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#api-key-input').getAttribute('aria-describedby')).toContain('api-key-error');
    expect(requests).toEqual([]);
    expect(await state()).toBe('key-needed');
  });

  it('says so when a key is refused, and asks again', async () => {
    await page.fill('#api-key-input', `${key.key.slice(0, -1)}${key.key.endsWith('A') ? 'B' : 'A'}`);
    await Promise.all([page.waitForEvent('load'), page.press('#api-key-input', 'Enter')]);
    await waitForState('key-needed');
    await page.waitForSelector('#api-key-error', { state: 'visible' });
    expect(await page.locator('#api-key-error').textContent()).toContain('That key was not accepted');
    expect(await page.evaluate(() => sessionStorage.getItem('carevoice-api-key'))).toBeNull();
  });

  it('draws both views with the right key, sending it on every API request', async () => {
    requests.length = 0;
    await page.fill('#api-key-input', key.key);
    await page.click('button[type="submit"]');
    await waitForState('ready');
    expect(await state()).toBe('ready');
    expect(await page.locator('#api-key-form').isVisible()).toBe(false);
    expect(await page.locator('#national-view').isVisible()).toBe(true);
    expect(await page.locator('.chart').count()).toBeGreaterThan(0);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((r) => !r.withKey)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
