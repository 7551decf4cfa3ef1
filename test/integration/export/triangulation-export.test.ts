import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA_VERSION, type ExportResult, writeExport } from '../../../src/export/write-export.js';
import type { TriangulatedCell } from '../../../src/storage/triangulation-types.js';
import { openTempStore } from '../pipeline/support/pipeline-fixtures.js';
import {
  addSyntheticTriangulation,
  type ExportFixture,
  fixedClock,
  openExportFixture,
  readJsonLines,
  readParquet,
} from './support/export-fixtures.js';

/**
 * The triangulation dataset: every stored triangulated score, page by page, in CSV, JSON Lines and
 * Parquet, with respondent counts below minCellCount withheld. The synthetic CPES year gives lung
 * 40–95 respondents per trust, so a minCellCount of 50 withholds some published counts.
 */

const MIN_CELL_COUNT = 50;
let fx: ExportFixture;
let stored: TriangulatedCell[];
let result: ExportResult;

async function allTriangulation(): Promise<TriangulatedCell[]> {
  const cells: TriangulatedCell[] = [];
  let after: string | null = null;
  do {
    const page = await fx.store.listTriangulation({}, { limit: 200, after });
    cells.push(...page.items);
    after = page.next;
  } while (after !== null);
  return cells;
}

beforeAll(async () => {
  fx = await openExportFixture();
  await addSyntheticTriangulation(fx.store, ['RA1', 'RA2', 'RA3', 'RA4', 'RA5']);
  stored = await allTriangulation();
  result = await writeExport({
    store: fx.store,
    dir: fx.exportDir,
    date: '2024-06-01',
    clock: fixedClock(),
    minCellCount: MIN_CELL_COUNT,
    pageSize: 7,
    rowGroupSize: 40,
  });
});
afterAll(async () => {
  await fx.cleanup();
});

const file = (name: string) => join(result.path, name);

async function csvRecords(name: string): Promise<Record<string, string>[]> {
  return parse(await readFile(file(name)), { columns: true }) as Record<string, string>[];
}

describe('the triangulation dataset', () => {
  it('holds every stored score, in store order, identically in JSON Lines and Parquet', async () => {
    expect(stored.length).toBeGreaterThan(7 * 3); // several pages of the export's reads
    const jsonl = await readJsonLines(file('triangulation.jsonl'));
    const parquet = await readParquet(file('triangulation.parquet'));
    expect(jsonl.map((row) => [row['odsCode'], row['tumourGroup'], row['theme']])).toEqual(
      stored.map((cell) => [cell.odsCode, cell.tumourGroup, cell.theme]),
    );
    expect(parquet.rows).toEqual(jsonl);
    expect(parquet.rowGroups.length).toBeGreaterThan(1);
    expect(parquet.metadata['carevoice.schemaVersion']).toBe(String(EXPORT_SCHEMA_VERSION));
    const first = jsonl[0]!;
    expect(first).toMatchObject({ year: 2030, sources: ['cpes'] });
    expect(Array.isArray(parquet.rows[0]!['sources'])).toBe(true);
  });

  it('writes the same rows to CSV, sources joined by ";" and trust names formula-neutralised', async () => {
    const csv = await csvRecords('triangulation.csv');
    const jsonl = await readJsonLines(file('triangulation.jsonl'));
    expect(csv).toHaveLength(jsonl.length);
    for (const [i, row] of csv.entries()) {
      const json = jsonl[i]!;
      expect(row['sources']).toBe((json['sources'] as string[]).join(';'));
      expect(Number(row['estimate'])).toBe(json['estimate']);
      expect(row['observed']).toBe(String(json['observed']));
      expect(row['respondents']).toBe(json['respondents'] === null ? '' : String(json['respondents']));
    }
    const ra1 = csv.find((row) => row['odsCode'] === 'RA1')!;
    expect(ra1['trustName']).toBe(`'=HYPERLINK("http://evil")`);
    expect(jsonl.find((row) => row['odsCode'] === 'RA1')!['trustName']).toBe('=HYPERLINK("http://evil")');
  });

  it('never shows a respondent count below minCellCount, yet keeps the estimate and its interval', async () => {
    const jsonl = await readJsonLines(file('triangulation.jsonl'));
    const small = stored.filter((c) => c.respondents !== null && c.respondents < MIN_CELL_COUNT);
    const large = stored.filter((c) => c.respondents !== null && c.respondents >= MIN_CELL_COUNT);
    expect(small.length).toBeGreaterThan(0);
    expect(large.length).toBeGreaterThan(0);
    for (const [i, cell] of stored.entries()) {
      const row = jsonl[i]!;
      const shown = cell.respondents !== null && cell.respondents >= MIN_CELL_COUNT ? cell.respondents : null;
      expect(row['respondents'], `${cell.odsCode} ${cell.tumourGroup} ${cell.theme}`).toBe(shown);
      expect(row['estimate']).toBeCloseTo(cell.estimate, 6);
      expect(row['lower']).toBeCloseTo(cell.lower, 6);
      expect(row['upper']).toBeCloseTo(cell.upper, 6);
    }
    for (const row of [...(await readParquet(file('triangulation.parquet'))).rows, ...jsonl]) {
      if (row['respondents'] !== null) expect(row['respondents']).toBeGreaterThanOrEqual(MIN_CELL_COUNT);
    }
  });

  it('is listed in the manifest with row counts and checksums that match the files', async () => {
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as ExportResult['manifest'];
    expect(manifest.schemaVersion).toBe(EXPORT_SCHEMA_VERSION);
    const entries = manifest.files.filter((entry) => entry.name.startsWith('triangulation.'));
    expect(entries.map((entry) => entry.name)).toEqual([
      'triangulation.csv',
      'triangulation.jsonl',
      'triangulation.parquet',
    ]);
    for (const entry of entries) {
      const bytes = await readFile(file(entry.name));
      expect(entry.rows, entry.name).toBe(stored.length);
      expect(entry.bytes, entry.name).toBe(bytes.length);
      expect(entry.sha256, entry.name).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('writes valid empty files when nothing has been triangulated', async () => {
    const empty = await openTempStore();
    try {
      const dir = join(empty.dir, 'exports');
      const { path, manifest } = await writeExport({
        store: empty.store,
        dir,
        date: '2024-06-01',
        clock: fixedClock(),
      });
      const entries = manifest.files.filter((entry) => entry.name.startsWith('triangulation.'));
      expect(entries.map((entry) => entry.rows)).toEqual([0, 0, 0]);
      expect(await readFile(join(path, 'triangulation.csv'), 'utf8')).toBe(
        'odsCode,trustName,tumourGroup,theme,year,estimate,lower,upper,observed,respondents,sources\n',
      );
      expect(await readFile(join(path, 'triangulation.jsonl'), 'utf8')).toBe('');
      const parquet = await readParquet(join(path, 'triangulation.parquet'));
      expect(parquet.rows).toEqual([]);
      expect(parquet.columns).toEqual([
        'odsCode',
        'trustName',
        'tumourGroup',
        'theme',
        'year',
        'estimate',
        'lower',
        'upper',
        'observed',
        'respondents',
        'sources',
      ]);
    } finally {
      await empty.cleanup();
    }
  });
});
