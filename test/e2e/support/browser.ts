import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core: headless, a fresh profile per run, no background
 * traffic, and every request to another origin refused and recorded, so the page provably loads
 * nothing from the network.
 */

/** The Chromium binary; CAREVOICE_CHROMIUM overrides. @defaultValue /usr/bin/chromium (Debian's `chromium` package) */
export const CHROMIUM_PATH = process.env['CAREVOICE_CHROMIUM'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** URLs the page tried to load from anywhere but `origin`. */
  foreignRequests: string[];
  close(): Promise<void>;
}

export async function launchBrowser(origin: string): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'carevoice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    foreignRequests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
