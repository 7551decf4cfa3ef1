import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeExport } from '../../../src/export/write-export.js';
import { createExportStage, type ExportStageResult } from '../../../src/pipeline/export/export-stage.js';
import { stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { type ExportFixture, fixedClock, openExportFixture, recordingHelpers } from './support/export-fixtures.js';

let fx: ExportFixture | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

/** 23:30 UTC on 3 June is 00:30 on 4 June in London (BST): "today" is the 4th. */
const NIGHT_OF_4_JUNE = '2024-06-03T23:30:00.000Z';

function stage(f: ExportFixture, clockIso = NIGHT_OF_4_JUNE, retain = 30) {
  return createExportStage({
    store: f.store,
    clock: fixedClock(clockIso),
    exportDir: f.exportDir,
    minCellCount: 5,
    retain,
  });
}

async function runScheduled(f: ExportFixture, clockIso?: string, retain?: number): Promise<ExportStageResult> {
  return (await stage(
    f,
    clockIso,
    retain,
  )(stagePayloadSchemas.export.parse({}), recordingHelpers())) as ExportStageResult;
}

const folders = async (f: ExportFixture) => (await readdir(f.exportDir)).filter((name) => /^\d{4}-/.test(name)).sort();

describe('scheduled export catch-up', () => {
  it('writes every date missed since the last export folder, up to today in London', async () => {
    fx = await openExportFixture();
    await writeExport({ store: fx.store, dir: fx.exportDir, date: '2024-06-01', clock: fixedClock() });
    const result = await runScheduled(fx);
    expect(result.dates).toEqual(['2024-06-02', '2024-06-03', '2024-06-04']);
    expect(await folders(fx)).toEqual(['2024-06-01', '2024-06-02', '2024-06-03', '2024-06-04']);
    expect(JSON.parse(await readFile(join(fx.exportDir, 'latest.json'), 'utf8'))).toEqual({
      date: '2024-06-04',
      path: '2024-06-04',
    });
    expect(result.path).toBe(join(fx.exportDir, '2024-06-04'));
    const run = (await fx.store.lastRuns()).find((r) => r.kind === 'export');
    expect(run).toMatchObject({ status: 'ok', message: join(fx.exportDir, '2024-06-04') });
    expect(run?.id).toMatch(/^export-2024-06-04-/);

    // The same night again: only today, rewritten identically.
    const again = await runScheduled(fx, '2024-06-04T01:00:00.000Z');
    expect(again.dates).toEqual(['2024-06-04']);
  });

  it('falls back to the store’s run records when the folder was lost', async () => {
    fx = await openExportFixture();
    await fx.store.recordRun({
      id: 'export-2024-06-02-2024-06-02T01:00:00.000Z',
      kind: 'export',
      startedAt: '2024-06-02T01:00:00.000Z',
      finishedAt: '2024-06-02T01:00:01.000Z',
      status: 'ok',
      counts: {},
      message: '/elsewhere/2024-06-02',
    });
    expect((await runScheduled(fx)).dates).toEqual(['2024-06-03', '2024-06-04']);
  });

  it('writes only today on a first run, and at most `retain` dates after a long gap', async () => {
    fx = await openExportFixture();
    expect((await runScheduled(fx)).dates).toEqual(['2024-06-04']);
    const result = await runScheduled(fx, '2024-06-20T01:00:00.000Z', 3);
    expect(result.dates).toEqual(['2024-06-18', '2024-06-19', '2024-06-20']);
    expect(await folders(fx)).toEqual(['2024-06-18', '2024-06-19', '2024-06-20']);
  });

  it('records a failed date, rethrows, and catches it up on the next run', async () => {
    fx = await openExportFixture();
    await writeExport({ store: fx.store, dir: fx.exportDir, date: '2024-06-02', clock: fixedClock() });
    const real = fx.store;
    let failures = 1;
    const flaky = new Proxy(real, {
      get(target, property) {
        if (property === 'listAggregates' && failures > 0) {
          return async () => {
            failures--;
            throw new Error('disk full');
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const flakyStage = createExportStage({
      store: flaky,
      clock: fixedClock(NIGHT_OF_4_JUNE),
      exportDir: fx.exportDir,
      minCellCount: 5,
      retain: 30,
    });
    await expect(flakyStage(stagePayloadSchemas.export.parse({}), recordingHelpers())).rejects.toThrow('disk full');
    expect((await fx.store.lastRuns()).find((r) => r.kind === 'export')).toMatchObject({
      status: 'failed',
      message: '2024-06-03: disk full',
    });
    expect(await folders(fx)).toEqual(['2024-06-02']);
    expect((await runScheduled(fx)).dates).toEqual(['2024-06-03', '2024-06-04']);
  });

  it('writes exactly the payload date when one is given', async () => {
    fx = await openExportFixture();
    await writeExport({ store: fx.store, dir: fx.exportDir, date: '2024-05-01', clock: fixedClock() });
    const result = (await stage(fx)(
      stagePayloadSchemas.export.parse({ date: '2024-05-20' }),
      recordingHelpers(),
    )) as ExportStageResult;
    expect(result.dates).toEqual(['2024-05-20']);
    expect(await folders(fx)).toEqual(['2024-05-01', '2024-05-20']);
  });
});
