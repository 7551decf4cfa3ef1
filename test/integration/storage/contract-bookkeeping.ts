/** Contract: page provenance, quarantine, cursors, runs and migrations. */
import { describe, expect, it } from 'vitest';
import type { QuarantineRecord } from '../../../src/domain/model.js';
import type { RunRecord } from '../../../src/storage/store.js';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

function quarantined(overrides: Partial<QuarantineRecord>): QuarantineRecord {
  return {
    source: 'file',
    externalId: 'q1',
    code: 'missing_text',
    reason: 'the record has no text',
    payload: '{"id":"q1"}',
    location: 'comments.jsonl:3',
    receivedAt: '2024-04-01T08:00:00.000Z',
    ...overrides,
  };
}

function run(overrides: Partial<RunRecord>): RunRecord {
  return {
    id: 'r1',
    kind: 'collect',
    source: 'file',
    startedAt: '2024-04-01T08:00:00.000Z',
    finishedAt: '2024-04-01T08:01:00.000Z',
    status: 'ok',
    counts: { fetched: 10, quarantined: 1 },
    ...overrides,
  };
}

export function describeBookkeepingContract(ctx: ContractContext): void {
  describe('page provenance', () => {
    it('records each (source, url, content hash) once and counts per source', async () => {
      const page = {
        source: 'file',
        url: 'file://a.jsonl#0',
        fetchedAt: '2024-04-01T08:00:00Z',
        contentHash: 'h1',
        itemCount: 5,
      };
      await ctx.store().recordPages([page, { ...page, contentHash: 'h2' }, { ...page, source: 'reddit' }]);
      await ctx.store().recordPages([{ ...page, fetchedAt: '2024-04-02T08:00:00Z' }]);
      await ctx.store().recordPages([]);
      expect(await ctx.store().countPages()).toBe(3);
      expect(await ctx.store().countPages('file')).toBe(2);
      expect(await ctx.store().countPages('none')).toBe(0);
    });
  });

  describe('quarantine', () => {
    it('keeps the same record once and lists newest first per source', async () => {
      const first = quarantined({});
      const bare = quarantined({
        externalId: undefined,
        location: undefined,
        payload: 'not json',
        code: 'invalid_json',
      });
      const later = quarantined({ source: 'reddit', receivedAt: '2024-04-03T00:00:00.000Z' });
      await ctx.store().quarantine([first, first, bare]);
      await ctx.store().quarantine([{ ...first, receivedAt: '2024-05-01T00:00:00.000Z' }, later]);
      expect(await ctx.store().countQuarantine()).toBe(3);
      expect(await ctx.store().countQuarantine('file')).toBe(2);
      expect(await ctx.store().listQuarantine({ limit: 10, source: 'reddit' })).toEqual([later]);
      const all = await ctx.store().listQuarantine({ limit: 10 });
      expect(all[0]).toEqual(later);
      expect(all).toContainEqual(first);
      const readBare = all.find((r) => r.code === 'invalid_json');
      expect(readBare).toEqual({
        source: 'file',
        code: 'invalid_json',
        reason: bare.reason,
        payload: 'not json',
        receivedAt: bare.receivedAt,
      });
      expect(await ctx.store().listQuarantine({ limit: 1 })).toHaveLength(1);
    });

    it('keeps records apart that differ only in code or payload', async () => {
      await ctx
        .store()
        .quarantine([quarantined({}), quarantined({ code: 'text_too_long' }), quarantined({ payload: 'x' })]);
      expect(await ctx.store().countQuarantine('file')).toBe(3);
    });
  });

  describe('cursors', () => {
    it('returns null until set, then the latest value per source and key', async () => {
      expect(await ctx.store().getCursor('reddit', 'r/cancer')).toBeNull();
      await ctx.store().setCursor('reddit', 'r/cancer', 't3_a');
      await ctx.store().setCursor('reddit', 'r/cancer', 't3_b');
      await ctx.store().setCursor('reddit', 'r/other', 't3_z');
      await ctx.store().setCursor('file', 'r/cancer', '42');
      expect(await ctx.store().getCursor('reddit', 'r/cancer')).toBe('t3_b');
      expect(await ctx.store().getCursor('reddit', 'r/other')).toBe('t3_z');
      expect(await ctx.store().getCursor('file', 'r/cancer')).toBe('42');
    });
  });

  describe('runs', () => {
    it('reports the newest run per kind and source, and re-recording a run id replaces it', async () => {
      await ctx.store().recordRun(run({}));
      await ctx
        .store()
        .recordRun(run({ id: 'r2', startedAt: '2024-04-02T08:00:00.000Z', status: 'failed', message: 'timeout' }));
      await ctx.store().recordRun(run({ id: 'r3', source: 'reddit' }));
      await ctx.store().recordRun(run({ id: 'r4', kind: 'aggregate', source: undefined, counts: { cells: 14 } }));
      await ctx
        .store()
        .recordRun(run({ id: 'r5', kind: 'aggregate', source: undefined, startedAt: '2024-03-01T00:00:00.000Z' }));
      await ctx.store().recordRun(run({ id: 'r3', source: 'reddit', counts: { fetched: 99 } }));
      const last = await ctx.store().lastRuns();
      expect(last.map((r) => r.id).sort()).toEqual(['r2', 'r3', 'r4']);
      expect(last.find((r) => r.id === 'r2')).toEqual(
        run({ id: 'r2', startedAt: '2024-04-02T08:00:00.000Z', status: 'failed', message: 'timeout' }),
      );
      expect(last.find((r) => r.id === 'r3')?.counts).toEqual({ fetched: 99 });
      const aggregate = last.find((r) => r.id === 'r4')!;
      expect('source' in aggregate).toBe(false);
      expect(aggregate.counts).toEqual({ cells: 14 });
    });
  });

  describe('migrations', () => {
    it('treats migrating again, and opening another handle, as no-ops that keep the data', async () => {
      await ctx.store().upsertComments([syntheticComment('kept')]);
      await ctx.store().migrate();
      await ctx.store().migrate();
      const other = await ctx.openHandle();
      expect(await other.getComment('sample', 'kept')).toEqual(syntheticComment('kept'));
      expect((await other.upsertComments([syntheticComment('kept')])).unchanged).toBe(1);
    });
  });
}
