import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedactedComment } from '../../../src/domain/model.js';
import type { ExportManifest } from '../../../src/export/write-export.js';
import { writeExport } from '../../../src/export/write-export.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  type TempStore,
} from './support/pipeline-fixtures.js';

let temp: TempStore;
let handlers: StageHandlers;
let exportDir: string;

function comment(externalId: string, odsCode: string, text: string): RedactedComment {
  return {
    source: 'sample',
    externalId,
    text,
    postedAt: '2024-04-20T10:00:00.000Z',
    fetchedAt: '2024-05-02T09:00:00.000Z',
    authorHash: 'a'.repeat(64),
    odsCode,
    pageHash: 'p'.repeat(64),
    redactions: [],
  };
}

beforeEach(async () => {
  temp = await openTempStore();
  exportDir = join(temp.dir, 'exports');
  handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock('2024-06-01T03:00:00.000Z'),
    exportDir,
  });
  const comments = [
    ...Array.from({ length: 7 }, (_, i) => comment(`raa-${i}`, 'RAA', `great breast care, visit number ${i}`)),
    comment('rbb-1', 'RBB', '=HYPERLINK("http://evil") awful wait, "quoted", and a\nnew line'),
  ];
  await handlers.process(
    stagePayloadSchemas.process.parse({ source: 'sample', batchId: 'b1', comments }),
    recordingHelpers(),
  );
  await handlers.aggregate(stagePayloadSchemas.aggregate.parse({}), recordingHelpers());
});

afterEach(async () => {
  await temp.cleanup();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readManifest(date: string): Promise<ExportManifest> {
  return JSON.parse(await readFile(join(exportDir, date, 'manifest.json'), 'utf8')) as ExportManifest;
}

describe('writeExport', () => {
  it('writes the four files and a manifest whose counts and checksums match', async () => {
    const result = await writeExport({
      store: temp.store,
      dir: exportDir,
      date: '2024-06-01',
      clock: fixedClock(),
      pageSize: 3,
    });
    expect(result.path).toBe(join(exportDir, '2024-06-01'));
    const manifest = await readManifest('2024-06-01');
    expect(manifest).toMatchObject({ schemaVersion: 1, date: '2024-06-01', periods: ['2024-04'], minCellCount: 5 });
    expect(manifest.files.map((f) => f.name)).toEqual([
      'comments.csv',
      'comments.jsonl',
      'aggregates.csv',
      'aggregates.jsonl',
    ]);
    for (const file of manifest.files) {
      const bytes = await readFile(join(result.path, file.name));
      expect(file.sha256).toBe(sha256(bytes));
      expect(file.bytes).toBe(bytes.length);
    }
    expect(manifest.files.find((f) => f.name === 'comments.jsonl')!.rows).toBe(8);

    const csvRows = parse(await readFile(join(result.path, 'comments.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csvRows).toHaveLength(8);
    const evil = csvRows.find((r) => r['externalId'] === 'rbb-1')!;
    expect(evil['text']).toBe(`'=HYPERLINK("http://evil") awful wait, "quoted", and a\nnew line`);
    expect(evil['sentimentScore']).toBe('-0.6');
    const everything = await Promise.all(manifest.files.map((f) => readFile(join(result.path, f.name), 'utf8')));
    expect(everything.join('')).not.toContain('a'.repeat(64)); // no author hash anywhere
  });

  it('suppresses small aggregate cells', async () => {
    await writeExport({ store: temp.store, dir: exportDir, date: '2024-06-01', clock: fixedClock() });
    const lines = (await readFile(join(exportDir, '2024-06-01', 'aggregates.jsonl'), 'utf8')).trim().split('\n');
    const cells = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const rbb = cells.filter((c) => c['odsCode'] === 'RBB');
    const raa = cells.filter((c) => c['odsCode'] === 'RAA');
    expect(rbb.length).toBeGreaterThan(0);
    for (const cell of rbb)
      expect(cell).toMatchObject({ suppressed: true, n: null, positive: null, positiveShare: null });
    for (const cell of raa) expect(cell).toMatchObject({ suppressed: false, n: 7 });
    const csv = parse(await readFile(join(exportDir, '2024-06-01', 'aggregates.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.find((r) => r['odsCode'] === 'RBB')).toMatchObject({ suppressed: 'true', n: '', positiveShare: '' });
  });

  it('is idempotent per date: a rerun replaces the folder with the same content but generatedAt', async () => {
    await writeExport({
      store: temp.store,
      dir: exportDir,
      date: '2024-06-01',
      clock: fixedClock('2024-06-01T03:00:00Z'),
    });
    const first = await readManifest('2024-06-01');
    await writeExport({
      store: temp.store,
      dir: exportDir,
      date: '2024-06-01',
      clock: fixedClock('2024-06-01T04:00:00Z'),
    });
    const second = await readManifest('2024-06-01');
    expect(second.generatedAt).not.toBe(first.generatedAt);
    expect({ ...second, generatedAt: '' }).toEqual({ ...first, generatedAt: '' });
    expect((await readdir(exportDir)).sort()).toEqual(['2024-06-01', 'latest.json']); // no temp or old folders left
  });

  it('moves latest.json to the newest date, never back, and keeps the last N folders', async () => {
    const write = (date: string) =>
      writeExport({ store: temp.store, dir: exportDir, date, clock: fixedClock(), retain: 2 });
    await write('2024-06-01');
    await write('2024-06-03');
    const latest = JSON.parse(await readFile(join(exportDir, 'latest.json'), 'utf8'));
    expect(latest).toEqual({ date: '2024-06-03', path: '2024-06-03' });
    await write('2024-06-02'); // a backfill
    expect(JSON.parse(await readFile(join(exportDir, 'latest.json'), 'utf8'))).toEqual(latest);
    const result = await write('2024-06-04');
    expect(result.removed).toEqual(['2024-06-02']);
    expect((await readdir(exportDir)).sort()).toEqual(['2024-06-03', '2024-06-04', 'latest.json']);
  });

  it('leaves the previous export and no temp folder behind when writing fails', async () => {
    await writeExport({ store: temp.store, dir: exportDir, date: '2024-06-01', clock: fixedClock() });
    const before = await stat(join(exportDir, '2024-06-01', 'manifest.json'));
    const real = temp.store;
    const failing = new Proxy(real, {
      get(target, property) {
        if (property === 'listAggregates') return async () => Promise.reject(new Error('database is locked'));
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(
      writeExport({ store: failing, dir: exportDir, date: '2024-06-01', clock: fixedClock() }),
    ).rejects.toThrow('database is locked');
    expect((await readdir(exportDir)).sort()).toEqual(['2024-06-01', 'latest.json']);
    expect((await stat(join(exportDir, '2024-06-01', 'manifest.json'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('rejects a bad date before touching the disk', async () => {
    await mkdir(exportDir, { recursive: true });
    await expect(
      writeExport({ store: temp.store, dir: exportDir, date: '2024-6-1', clock: fixedClock() }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    expect(await readdir(exportDir)).toEqual([]);
  });
});

describe('export stage', () => {
  it('writes the export for the payload date and records the run', async () => {
    const result = (await handlers.export(
      stagePayloadSchemas.export.parse({ date: '2024-06-01' }),
      recordingHelpers(),
    )) as {
      path: string;
    };
    expect(result.path).toBe(join(exportDir, '2024-06-01'));
    expect((await readManifest('2024-06-01')).files).toHaveLength(4);
    expect((await temp.store.lastRuns()).find((run) => run.kind === 'export')).toMatchObject({
      status: 'ok',
      counts: { 'comments.csv': 8 },
    });
  });
});
