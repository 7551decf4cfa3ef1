/**
 * FFT and KO41a complaints in the live triangulation: synthetic CPES, FFT and complaint files imported
 * through the importers into a temporary SQLite store, then triangulated as the service does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImporterName, runImport } from '../../../src/import/run-import.js';
import { loadThemeCrosswalk } from '../../../src/reference/theme-crosswalk.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import type { TriangulatedCell } from '../../../src/storage/triangulation-types.js';
import { refreshTriangulation } from '../../../src/triangulation/refresh-triangulation.js';
import { type OutsideSourceFiles, TARGET, TRUSTS, writeOutsideSourceFiles } from './support/outside-source-files.js';

let dir: string;
let store: Store;
let files: OutsideSourceFiles;

const crosswalk = loadThemeCrosswalk();

async function load(importer: ImporterName, path: string): Promise<void> {
  const request = { importer, path, ...(importer === 'fft' && { setting: 'inpatient' }) };
  const summary = await runImport(request, { store, crosswalk, knownOdsCodes: new Set() });
  expect(summary, JSON.stringify(summary.issues)).toMatchObject({ status: 'stored', rowsRejected: 0 });
}

async function triangulate() {
  const outcome = await refreshTriangulation(store, { intervalSteps: 1, trustNames: new Map() });
  const cells = (await store.listTriangulation({}, { limit: 10_000 })).items;
  return { outcome, cells };
}

const cellOf = (cells: TriangulatedCell[], ods: string, group: string, theme = 'all') =>
  cells.find((c) => c.odsCode === ods && c.tumourGroup === group && c.theme === theme)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-outside-'));
  files = writeOutsideSourceFiles(dir);
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  await load('cpes', files.cpes);
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FFT and complaints in the triangulation', () => {
  let survey: Awaited<ReturnType<typeof triangulate>>;
  let better: Awaited<ReturnType<typeof triangulate>>;

  it('changes nothing while no FFT or complaints of the survey year are stored', async () => {
    survey = await triangulate();
    expect(survey.outcome).toMatchObject({
      status: 'ok',
      year: 2018,
      fft: { status: 'skipped', reason: 'no_rows' },
      complaints: { status: 'skipped', reason: 'no_rows' },
    });
    expect(new Set(survey.cells.flatMap((c) => c.sources))).toEqual(new Set(['cpes']));

    // Figures of an earlier year are outside the survey's window.
    await load('fft', files.earlierFft);
    await load('complaints', files.earlierComplaints);
    const earlier = await triangulate();
    expect(earlier.outcome).toMatchObject({ fft: { reason: 'no_rows' }, complaints: { reason: 'no_rows' } });
    expect(earlier.cells).toEqual(survey.cells);
  }, 60_000);

  it('feeds suppressed cells from FFT and complaints and says so', async () => {
    await load('fft', files.fft(1));
    await load('complaints', files.complaints(1));
    better = await triangulate();
    expect(better.outcome).toMatchObject({
      fft: { status: 'used', trusts: TRUSTS.length },
      complaints: { status: 'used', trusts: TRUSTS.length },
    });
    if (better.outcome.status !== 'ok' || better.outcome.fft.status !== 'used') return;
    expect(better.outcome.fft.effects.fft).toBeGreaterThan(0);
    if (better.outcome.complaints.status !== 'used') return;
    expect(better.outcome.complaints.effects.complaints).toBeLessThan(0);

    const sarcoma = cellOf(better.cells, TARGET, 'sarcoma');
    expect(sarcoma).toMatchObject({ observed: false, sources: ['cpes', 'fft', 'complaints'] });
    // A published cell stays the survey's own figure.
    const breast = cellOf(better.cells, TRUSTS[1]!, 'breast');
    expect(breast).toMatchObject({ observed: true, sources: ['cpes'] });
    expect(breast.estimate).toBe(cellOf(survey.cells, TRUSTS[1]!, 'breast').estimate);
    // Complaints read the trust × group as a whole, so each of its themes lists them.
    expect(cellOf(better.cells, TARGET, 'sarcoma', 'waiting_times').sources).toContain('complaints');
  }, 60_000);

  it('moves an estimate the way its FFT and complaints point', async () => {
    // Same keys, another file: the worse figures replace the better ones.
    await load('fft', files.fft(-1));
    await load('complaints', files.complaints(-1));
    const worse = await triangulate();
    const before = cellOf(survey.cells, TARGET, 'sarcoma').estimate;
    const up = cellOf(better.cells, TARGET, 'sarcoma').estimate;
    const down = cellOf(worse.cells, TARGET, 'sarcoma').estimate;
    expect(up).toBeGreaterThan(before);
    expect(down).toBeLessThan(before);
    // Every estimated figure of the target trust follows, not just the overall one.
    for (const cell of better.cells.filter((c) => c.odsCode === TARGET && !c.observed)) {
      expect(cell.estimate).toBeGreaterThan(cellOf(worse.cells, TARGET, cell.tumourGroup, cell.theme).estimate);
    }
  }, 60_000);

  it('is closer to the truth than the survey alone, with intervals that still cover it', async () => {
    await load('fft', files.fft(0));
    await load('complaints', files.complaints(0));
    const both = await triangulate();
    // Sarcoma is suppressed at every trust: one estimate per trust, scored against its true share.
    const score = (cells: TriangulatedCell[]) => {
      const sarcoma = cells.filter((c) => c.tumourGroup === 'sarcoma' && c.theme === 'all');
      const errors = sarcoma.map((c) => c.estimate - files.truth(c.odsCode, 'sarcoma'));
      const covered = sarcoma.filter((c) => {
        const truth = files.truth(c.odsCode, 'sarcoma');
        return truth >= c.lower && truth <= c.upper;
      });
      return {
        rmse: Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length),
        coverage: covered.length / sarcoma.length,
      };
    };
    const alone = score(survey.cells);
    const triangulated = score(both.cells);
    expect(triangulated.rmse).toBeLessThan(alone.rmse);
    expect(triangulated.coverage).toBeGreaterThanOrEqual(0.85);
  }, 60_000);
});
