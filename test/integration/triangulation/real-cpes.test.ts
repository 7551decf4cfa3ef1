/** The real CPES 2018 trust results, imported and triangulated end to end in a temporary SQLite store. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../src/config/paths.js';
import { runImport } from '../../../src/import/run-import.js';
import { loadThemeCrosswalk } from '../../../src/reference/theme-crosswalk.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import { type RefreshOutcome, refreshTriangulation } from '../../../src/triangulation/refresh-triangulation.js';

const CPES_FILE = join(sharedDataDir(), 'cpes-2018-trust-results.csv');

let dir: string;
let store: Store;
let outcome: RefreshOutcome;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-triangulation-'));
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  await runImport(
    { importer: 'cpes-2018', path: CPES_FILE },
    { store, crosswalk: loadThemeCrosswalk(), knownOdsCodes: new Set() },
  );
  outcome = await refreshTriangulation(store, { intervalSteps: 1 });
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(existsSync(CPES_FILE))('triangulation of CPES 2018', () => {
  it('covers every trust × tumour group, published cells observed and the rest estimated', async () => {
    expect(outcome).toMatchObject({ status: 'ok', year: 2018, comments: { status: 'skipped', reason: 'no_rows' } });
    if (outcome.status !== 'ok') return;
    expect(outcome.trusts).toBeGreaterThan(100);
    const summary = await store.listTriangulationSummary();
    expect(summary.length).toBeGreaterThanOrEqual(12);
    for (const s of summary) {
      expect(s.trustsPublished + s.trustsSuppressed).toBe(outcome.trusts);
      expect(s.nationalLower).toBeLessThanOrEqual(s.nationalEstimate);
      expect(s.nationalUpper).toBeGreaterThanOrEqual(s.nationalEstimate);
    }
    // Sarcoma is rarely published, breast nearly always.
    const byGroup = new Map(summary.map((s) => [s.tumourGroup, s]));
    expect(byGroup.get('sarcoma')!.trustsSuppressed).toBeGreaterThan(byGroup.get('breast')!.trustsSuppressed);

    const overall = await store.listTriangulation({ theme: 'all' }, { limit: 5000 });
    expect(overall.items.length).toBe(outcome.trusts * summary.length);
    for (const cell of overall.items) {
      expect(cell.lower).toBeLessThanOrEqual(cell.estimate);
      expect(cell.upper).toBeGreaterThanOrEqual(cell.estimate);
      expect(cell.lower).toBeGreaterThanOrEqual(0);
      expect(cell.upper).toBeLessThanOrEqual(100);
      if (cell.observed) expect(cell.respondents).toBeGreaterThanOrEqual(21);
      else expect(cell.respondents).toBeNull();
      expect(cell.sources).toEqual(['cpes']);
    }
    expect(overall.items.some((c) => c.observed)).toBe(true);
    expect(overall.items.some((c) => !c.observed)).toBe(true);
  });
});
