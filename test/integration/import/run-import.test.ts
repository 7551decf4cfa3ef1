/** The importers end to end against a temporary SQLite store: all or nothing, idempotent, summaries. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../src/config/paths.js';
import { formatImportSummary } from '../../../src/import/import-summary.js';
import { type ImportRequest, runImport } from '../../../src/import/run-import.js';
import { loadThemeCrosswalk } from '../../../src/reference/theme-crosswalk.js';
import { loadTrustReference } from '../../../src/reference/trust-reference.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const crosswalk = loadThemeCrosswalk();
const knownOdsCodes = new Set(loadTrustReference().trusts.map((t) => t.odsCode));

let dir: string;
let store: Store;
let clock = 0;
const now = () => new Date(Date.UTC(2025, 0, 1) + clock++ * 1000);
const run = (request: Omit<ImportRequest, 'path'> & { file: string }) =>
  runImport(
    { ...request, path: request.file.includes('/') ? request.file : join(FIXTURES, request.file) },
    { store, crosswalk, knownOdsCodes, now },
  );

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  store = await openStore({ sqlitePath: join(dir, `store-${clock}.db`) });
});
afterEach(async () => {
  await store.close();
});

describe('runImport', () => {
  it('stores an FFT sheet, reports unknown codes, and replaces exactly its rows when imported again', async () => {
    const first = await run({ importer: 'fft', file: 'fft-trusts-sheet.csv', setting: 'inpatient', period: '2025-07' });
    expect(first).toMatchObject({ status: 'stored', rowsRead: 7, rowsStored: 4, rowsRejected: 0, rowsReplaced: 0 });
    expect(first.unknownOdsCodes).toEqual(['ZZ9']);
    expect(first.periods).toEqual(['2025-07']);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await run({ importer: 'fft', file: 'fft-trusts-sheet.csv', setting: 'inpatient', period: '2025-07' });
    expect(again).toMatchObject({ status: 'stored', rowsStored: 4, rowsReplaced: 4, sha256: first.sha256 });
    expect(await store.listFftResponses({})).toHaveLength(4);
    expect(await store.listImportedFiles('fft')).toHaveLength(1);
    const runs = await store.lastRuns();
    expect(runs.find((r) => r.kind === 'import')).toMatchObject({ source: 'fft', status: 'ok', counts: { stored: 4 } });
  });

  it('stores nothing from a file with one bad row, and leaves earlier imports untouched', async () => {
    await run({ importer: 'fft', file: 'fft-sites-sheet.csv', setting: 'inpatient', period: '2025-07' });
    const bad = await run({ importer: 'fft', file: 'fft-bad.csv', setting: 'inpatient', period: '2025-07' });
    expect(bad).toMatchObject({ status: 'rejected', rowsRead: 5, rowsStored: 0, rowsRejected: 4, issueCount: 4 });
    expect(formatImportSummary(bad)).toMatch(/REJECTED[\s\S]*row 3 column "Total Responses"/);
    expect(await store.listFftResponses({})).toHaveLength(2);
    expect(await store.listImportedFiles()).toHaveLength(1);
    expect((await store.lastRuns()).find((r) => r.kind === 'import')?.status).toBe('failed');
  });

  it('imports KO41a complaints with themes and notes subject areas outside the crosswalk', async () => {
    const summary = await run({ importer: 'complaints', file: 'ko41a-long.csv' });
    expect(summary).toMatchObject({ status: 'stored', rowsStored: 5, periods: ['2016-17 Q3', '2016-17 Q4'] });
    expect(summary.themes).toContain('end_of_life_care');
    expect(summary.notes.join()).toMatch(/Car parking charges/);
    expect(await store.listComplaintCounts({ theme: 'end_of_life_care' })).toMatchObject([{ odsCode: 'RBV' }]);
    const rejected = await run({ importer: 'complaints', file: 'ko41a-bad.csv' });
    expect(rejected.status).toBe('rejected');
    expect(await store.listComplaintCounts({})).toHaveLength(5);
  });

  it('imports current-layout CPES scores and says which years have no theme crosswalk', async () => {
    const summary = await run({ importer: 'cpes', file: 'cpes-current.csv' });
    expect(summary).toMatchObject({
      status: 'stored',
      rowsStored: 4,
      periods: ['2018', '2023'],
      themes: ['cns_access'],
    });
    expect(summary.notes.join()).toMatch(/no theme crosswalk for CPES 2023/);
    expect(await store.listCpesScores({ odsCode: null })).toMatchObject([{ year: 2023, score: 88.5 }]);
  });

  it('rejects a workbook, a file in the wrong layout, and unreadable CSV, each with a reason', async () => {
    const workbook = join(dir, 'fft.xlsx');
    writeFileSync(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect((await run({ importer: 'fft', file: workbook, setting: 'ae' })).issues[0]!.message).toMatch(
      /Excel workbook/,
    );
    const wrong = await run({ importer: 'complaints', file: 'fft-raw-submission.csv' });
    expect(wrong).toMatchObject({ status: 'rejected', layout: 'unknown', sha256: null });
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Period,Org Code,Subject Area,Count\n2023-24,R0A,"Consent,1\n');
    expect((await run({ importer: 'complaints', file: broken })).issues[0]!.message).toMatch(/not readable as CSV/);
    expect(await store.listImportedFiles()).toEqual([]);
  });

  it('refuses options that do not fit the importer before reading anything', async () => {
    await expect(run({ importer: 'fft', file: 'fft-raw-submission.csv' })).rejects.toThrow(/need the setting/);
    await expect(run({ importer: 'fft', file: 'fft-raw-submission.csv', setting: 'dental' })).rejects.toThrow(
      /unknown FFT setting/,
    );
    await expect(run({ importer: 'cpes-2018', file: 'cpes-current.csv', year: 2018 })).rejects.toThrow(/take no year/);
  });

  it('imports the real CPES 2018 trust results with themes from the crosswalk', async () => {
    // Read in place from the shared data folder (read-only); a missing file fails the test.
    const real = join(sharedDataDir(), 'cpes-2018-trust-results.csv');
    const summary = await run({ importer: 'cpes-2018', file: real });
    expect(summary).toMatchObject({ status: 'stored', layout: 'cpes-2018', rowsRead: 85_055, unknownOdsCodes: [] });
    expect(summary.rowsStored).toBeGreaterThan(40_000);
    expect(summary.trusts).toBeGreaterThan(140);
    const england = await store.listCpesScores({ odsCode: null, tumourGroup: 'all', question: 17 });
    expect(england).toHaveLength(1);
    expect(england[0]!.themes).toEqual(['cns_access']);
    expect(england[0]!.respondents).toBeGreaterThan(10_000);
    expect(await store.listCpesScores({ theme: 'cns_access', odsCode: null, tumourGroup: 'all' })).toHaveLength(3);
  });
});
