/** The scheduled retention purge: runs on the aggregate queue, empties old text, logs and records its count. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETENTION_PURGE_REASON, withDataMinimisation } from '../../../src/app/minimisation-handlers.js';
import type { StageHandlers } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  type TempStore,
} from '../pipeline/support/pipeline-fixtures.js';
import { syntheticComment } from '../storage/synthetic-comment.js';

const NOW = '2025-06-01T01:30:00.000Z';

describe('retention purge job', () => {
  let temp: TempStore;
  let handlers: StageHandlers;

  beforeEach(async () => {
    temp = await openTempStore();
    const clock = fixedClock(NOW);
    const base = createStageHandlers({
      store: temp.store,
      connectors: new Map(),
      analyse: keywordAnalyser,
      redact: maskEmails,
      authorHashKey: AUTHOR_KEY,
      clock,
      exportDir: temp.dir,
    });
    handlers = withDataMinimisation(base, { store: temp.store, clock, commentTextDays: 365 });
    await temp.store.upsertComments([
      syntheticComment('a-year-and-a-day', { postedAt: '2024-05-31T01:00:00.000Z', period: '2024-05' }),
      syntheticComment('last-month', { postedAt: '2025-05-01T09:00:00.000Z', period: '2025-05' }),
    ]);
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('empties text past the retention, logs the count and records a retention run', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const helpers = { ...recordingHelpers(), log: pino({ level: 'info' }, sink) };
    const result = await handlers.aggregate({ reason: RETENTION_PURGE_REASON }, helpers);

    // Nothing was deleted or rewritten, so the duplicate lookup had nothing to drop.
    expect(result).toEqual({ purged: 1, duplicateLookupDropped: 0, cutoff: '2024-06-01T01:30:00.000Z' });
    expect((await temp.store.getComment('sample', 'a-year-and-a-day'))?.text).toBe('');
    expect((await temp.store.getComment('sample', 'last-month'))?.text).not.toBe('');
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'purged expired comment text', purged: 1 }));
    const run = (await temp.store.lastRuns()).find((r) => r.kind === 'retention');
    expect(run).toMatchObject({ status: 'ok', counts: { purged: 1, duplicateLookupDropped: 0 }, finishedAt: NOW });
    // The purge does not aggregate: only a normal aggregate job writes aggregate rows.
    expect(await temp.store.listAggregates({})).toEqual([]);
  });

  it('leaves other aggregate jobs to the aggregate stage', async () => {
    await handlers.aggregate({ reason: 'scheduled' }, recordingHelpers());
    expect((await temp.store.listAggregates({})).length).toBeGreaterThan(0);
    expect(await temp.store.countPurgedComments()).toBe(0);
  });
});
