import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA_VERSION, writeExport } from '../../../src/export/write-export.js';
import { aggregateRow } from '../../support/aggregate-row.js';
import { openTempStore } from '../pipeline/support/pipeline-fixtures.js';
import {
  type ExportFixture,
  fixedClock,
  openExportFixture,
  readJsonLines,
  readManifest,
  readParquet,
  syntheticDivergenceAlert,
  syntheticSafetyAlert,
} from './support/export-fixtures.js';

let fx: ExportFixture;

beforeEach(async () => {
  fx = await openExportFixture();
  await fx.store.recordAlerts([
    syntheticDivergenceAlert(),
    syntheticSafetyAlert('raa-3', 'great breast care, visit number 3'),
  ]);
});
afterEach(async () => {
  await fx.cleanup();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const FILES = [
  'comments.csv',
  'comments.jsonl',
  'comments.parquet',
  'aggregates.csv',
  'aggregates.jsonl',
  'aggregates.parquet',
  'alerts.csv',
  'alerts.jsonl',
  'alerts.parquet',
  'triangulation.csv',
  'triangulation.jsonl',
  'triangulation.parquet',
];

/** The flat row (CSV / Parquet columns) that a comments.jsonl record stands for. */
function flatComment(record: Record<string, unknown>): Record<string, unknown> {
  const { sentiment, themes, tumourGroups, ...rest } = record as {
    sentiment: { label: string; score: number };
    themes: { id: string; sentiment: string }[];
    tumourGroups: string[];
  } & Record<string, unknown>;
  return {
    ...rest,
    sentimentLabel: sentiment.label,
    sentimentScore: sentiment.score,
    themes: themes.map((theme) => `${theme.id}:${theme.sentiment}`).join(';'),
    tumourGroups: tumourGroups.join(';'),
  };
}

const write = (date = '2024-06-01', extra: Partial<Parameters<typeof writeExport>[0]> = {}) =>
  writeExport({ store: fx.store, dir: fx.exportDir, date, clock: fixedClock(), ...extra });

describe('writeExport', () => {
  it('writes CSV, JSON Lines and Parquet per dataset, with a manifest whose counts and checksums match', async () => {
    const result = await write('2024-06-01', { pageSize: 3 });
    expect(result.path).toBe(join(fx.exportDir, '2024-06-01'));
    const manifest = await readManifest(fx.exportDir, '2024-06-01');
    expect(manifest).toMatchObject({
      schemaVersion: EXPORT_SCHEMA_VERSION,
      date: '2024-06-01',
      periods: ['2024-04'],
      minCellCount: 5,
    });
    expect(manifest.files.map((file) => file.name)).toEqual(FILES);
    expect((await readdir(result.path)).sort()).toEqual([...FILES, 'manifest.json'].sort());
    for (const file of manifest.files) {
      const bytes = await readFile(join(result.path, file.name));
      expect(file.sha256, file.name).toBe(sha256(bytes));
      expect(file.bytes, file.name).toBe(bytes.length);
    }
    const rows = Object.fromEntries(manifest.files.map((file) => [file.name, file.rows]));
    expect(rows['comments.csv']).toBe(8);
    expect(rows['comments.jsonl']).toBe(8);
    expect(rows['comments.parquet']).toBe(8);
    expect(rows['aggregates.parquet']).toBe(rows['aggregates.jsonl']);
    expect(rows['aggregates.csv']).toBe(rows['aggregates.jsonl']);
    expect(rows['aggregates.jsonl']).toBeGreaterThan(0);
    // Divergence alerts only: a safety alert is about one person's comment.
    expect([rows['alerts.csv'], rows['alerts.jsonl'], rows['alerts.parquet']]).toEqual([1, 1, 1]);
  });

  it('reads back the same comment rows from Parquet as from JSON Lines, across several row groups', async () => {
    const result = await write('2024-06-01', { pageSize: 2, rowGroupSize: 3 });
    const parquet = await readParquet(join(result.path, 'comments.parquet'));
    const jsonl = await readJsonLines(join(result.path, 'comments.jsonl'));
    expect(parquet.rowGroups).toEqual([3, 3, 2]);
    expect(parquet.metadata['carevoice.schemaVersion']).toBe(String(EXPORT_SCHEMA_VERSION));
    expect(parquet.rows).toEqual(jsonl.map(flatComment));
    // Parquet keeps text as it is: formula neutralisation is for spreadsheets, that is, CSV only.
    expect(parquet.rows.find((row) => row['externalId'] === 'rbb-1')?.['text']).toMatch(/^=HYPERLINK/);
  });

  it('reads back the same aggregate cells from Parquet as from JSON Lines, suppressed ones with nulls', async () => {
    const result = await write();
    const parquet = await readParquet(join(result.path, 'aggregates.parquet'));
    const jsonl = await readJsonLines(join(result.path, 'aggregates.jsonl'));
    expect(parquet.rows).toEqual(jsonl);
    const suppressed = parquet.rows.filter((row) => row['odsCode'] === 'RBB');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const cell of suppressed) expect(cell).toMatchObject({ suppressed: true, n: null, positiveShare: null });
  });

  it('writes divergence alerts with their headline figures as columns and the evidence in JSON Lines', async () => {
    const result = await write();
    const [record] = await readJsonLines(join(result.path, 'alerts.jsonl'));
    const alert = syntheticDivergenceAlert();
    expect(record).toEqual({
      id: alert.id,
      kind: 'deteriorating',
      odsCode: 'RAA',
      trustName: 'Trust RAA',
      theme: 'waiting_times',
      period: '2024-04',
      summary: alert.evidenceText,
      evidence: alert.evidence,
      createdAt: alert.createdAt,
    });
    const parquet = await readParquet(join(result.path, 'alerts.parquet'));
    expect(parquet.rows).toEqual([
      {
        id: alert.id,
        kind: 'deteriorating',
        odsCode: 'RAA',
        trustName: 'Trust RAA',
        theme: 'waiting_times',
        period: '2024-04',
        summary: alert.evidenceText,
        probability: 0.987,
        recentFrom: '2024-02',
        recentTo: '2024-04',
        recentN: 10,
        recentPositiveShare: 0.312346,
        baselineN: 20,
        baselinePositiveShare: 0.69,
        surveyScore: null,
        expectedPositiveShare: null,
        commentIds: 'sample:raa-1;sample:raa-2',
        createdAt: alert.createdAt,
      },
    ]);
  });

  it('writes readable empty files when the store is empty', async () => {
    const empty = await openTempStore();
    try {
      const dir = join(empty.dir, 'exports');
      const result = await writeExport({ store: empty.store, dir, date: '2024-06-01', clock: fixedClock() });
      expect(result.manifest.files.map((file) => file.rows)).toEqual(FILES.map(() => 0));
      expect(result.manifest.periods).toEqual([]);
      expect((await readParquet(join(result.path, 'comments.parquet'))).rows).toEqual([]);
      expect((await readFile(join(result.path, 'comments.csv'), 'utf8')).split('\n')[0]).toMatch(/^source,externalId,/);
    } finally {
      await empty.cleanup();
    }
  });

  it('neutralises formulas in CSV and suppresses small aggregate cells there too', async () => {
    const result = await write();
    const comments = parse(await readFile(join(result.path, 'comments.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(comments).toHaveLength(8);
    const hostile = comments.find((row) => row['externalId'] === 'rbb-1')!;
    expect(hostile['text']).toBe(`'=HYPERLINK("http://evil") awful wait, "quoted", and a\nnew line`);
    expect(hostile['sentimentScore']).toBe('-0.6');
    const cells = parse(await readFile(join(result.path, 'aggregates.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(cells.find((row) => row['odsCode'] === 'RBB')).toMatchObject({
      suppressed: 'true',
      n: '',
      positiveShare: '',
    });
    expect(cells.find((row) => row['odsCode'] === 'RAA')).toMatchObject({ suppressed: 'false', n: '7' });
  });

  it('is idempotent per date: a rerun writes the same bytes in every file, and only generatedAt moves', async () => {
    await write('2024-06-01', { clock: fixedClock('2024-06-01T03:00:00Z') });
    const first = await readManifest(fx.exportDir, '2024-06-01');
    const firstBytes = await Promise.all(FILES.map((name) => readFile(join(fx.exportDir, '2024-06-01', name))));
    await write('2024-06-01', { clock: fixedClock('2024-06-01T04:00:00Z') });
    const second = await readManifest(fx.exportDir, '2024-06-01');
    const secondBytes = await Promise.all(FILES.map((name) => readFile(join(fx.exportDir, '2024-06-01', name))));
    expect(second.generatedAt).toBe('2024-06-01T04:00:00.000Z');
    expect({ ...second, generatedAt: '' }).toEqual({ ...first, generatedAt: '' });
    for (const [i, bytes] of secondBytes.entries()) expect(bytes.equals(firstBytes[i]!), FILES[i]).toBe(true);
    expect((await readdir(fx.exportDir)).sort()).toEqual(['2024-06-01', 'latest.json']);
  });

  it('moves latest.json to the newest date, never back, and keeps the newest N folders', async () => {
    const retained = (date: string) => write(date, { retain: 2 });
    await retained('2024-06-01');
    await retained('2024-06-03');
    const latest = JSON.parse(await readFile(join(fx.exportDir, 'latest.json'), 'utf8'));
    expect(latest).toEqual({ date: '2024-06-03', path: '2024-06-03' });
    await retained('2024-06-02'); // a backfill
    expect(JSON.parse(await readFile(join(fx.exportDir, 'latest.json'), 'utf8'))).toEqual(latest);
    const result = await retained('2024-06-04');
    expect(result.removed).toEqual(['2024-06-02']);
    expect((await readdir(fx.exportDir)).sort()).toEqual(['2024-06-03', '2024-06-04', 'latest.json']);
  });

  it('reads the aggregate cells one period at a time, so memory does not grow with the years stored', async () => {
    await fx.store.replaceAggregates(
      [
        aggregateRow({ period: '2024-02' }),
        aggregateRow({ period: '2024-03', odsCode: 'RXX' }),
        aggregateRow({ period: '2024-03', theme: 'waiting_times' }),
      ],
      [],
    );
    const stored = await fx.store.listAggregates({});
    const reads: unknown[] = [];
    const recording = new Proxy(fx.store, {
      get(target, property) {
        if (property === 'listAggregates') {
          return (filter: Parameters<typeof target.listAggregates>[0]) => {
            reads.push(filter);
            return target.listAggregates(filter);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const result = await writeExport({ store: recording, dir: fx.exportDir, date: '2024-06-01', clock: fixedClock() });
    expect(reads).toEqual(
      ['2024-02', '2024-03', '2024-04'].map((period) => ({ periodFrom: period, periodTo: period })),
    );
    const records = await readJsonLines(join(result.path, 'aggregates.jsonl'));
    const key = (cell: { period: unknown; odsCode: unknown; theme: unknown; tumourGroup: unknown }) =>
      [cell.period, cell.odsCode, cell.theme, cell.tumourGroup].join(' ');
    expect(records.map((record) => key(record as Parameters<typeof key>[0]))).toEqual(stored.map(key));
    expect(result.manifest.periods).toEqual(['2024-02', '2024-03', '2024-04']);
  });

  it('leaves the previous export and no temporary folder behind when writing fails', async () => {
    await write();
    const before = await stat(join(fx.exportDir, '2024-06-01', 'manifest.json'));
    const failing = new Proxy(fx.store, {
      get(target, property) {
        if (property === 'listAggregates') return async () => Promise.reject(new Error('database is locked'));
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(
      writeExport({ store: failing, dir: fx.exportDir, date: '2024-06-01', clock: fixedClock() }),
    ).rejects.toThrow('database is locked');
    expect((await readdir(fx.exportDir)).sort()).toEqual(['2024-06-01', 'latest.json']);
    expect((await stat(join(fx.exportDir, '2024-06-01', 'manifest.json'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('rejects bad options before touching the disk', async () => {
    await mkdir(fx.exportDir, { recursive: true });
    await expect(write('2024-6-1')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(write('2024-06-01', { rowGroupSize: 0 })).rejects.toThrow(/rowGroupSize/);
    expect(await readdir(fx.exportDir)).toEqual([]);
  });

  it('reports progress per page of comments, per period of aggregate cells, once for alerts and triangulation', async () => {
    const seen: string[] = [];
    await write('2024-06-01', { pageSize: 3, onProgress: (p) => seen.push(`${p.dataset}:${p.rows}`) });
    expect(seen.slice(0, 3)).toEqual(['comments:3', 'comments:6', 'comments:8']);
    expect(seen.at(-3)).toMatch(/^aggregates:\d+$/);
    expect(seen.at(-2)).toBe('alerts:1');
    expect(seen.at(-1)).toBe('triangulation:0');
  });
});
