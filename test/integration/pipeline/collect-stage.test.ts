import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../../src/connectors/connector.js';
import { RateLimitedError } from '../../../src/connectors/errors/rate-limited-error.js';
import type { RedactedComment } from '../../../src/domain/model.js';
import { PAGE_CURSOR_KEY, runIdOfFirstPage, STATE_KEY_PREFIX } from '../../../src/pipeline/collect/collect-stage.js';
import { type StageHandlers, stagePayloadSchemas, UnrecoverableStageError } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  RateLimitSignal,
  recordingHelpers,
  ScriptedConnector,
  type TempStore,
} from './support/pipeline-fixtures.js';

const item = (externalId: string, text: string, extra: Record<string, unknown> = {}): ParsedItem => ({
  ok: true,
  item: { externalId, text, postedAt: '2024-04-20T10:00:00Z', authorHandle: `author-${externalId}`, ...extra },
});

function manyItems(count: number, from = 0): ParsedItem[] {
  return Array.from({ length: count }, (_, i) => item(`c${from + i}`, `Synthetic comment number ${from + i}`));
}

let temp: TempStore;
let connector: ScriptedConnector;
let handlers: StageHandlers;

function build(maxPages = 10) {
  handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map([['sample', connector]]),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock(),
    exportDir: temp.dir,
    options: { batchSize: 50, maxPages, maxTextLength: 200 },
  });
}

const collectPayload = (over: Record<string, unknown> = {}) =>
  stagePayloadSchemas.collect.parse({ source: 'sample', cursor: null, runId: 'run1', ...over });

beforeEach(async () => {
  temp = await openTempStore();
  connector = new ScriptedConnector('sample', {
    start: {
      items: [
        item('a1', 'The nurse was kind, write to me at jo@example.org'),
        {
          ok: false,
          rejection: { code: 'wrong_type', reason: 'text is a number', raw: { mail: 'x@y.org' }, location: 'item 2' },
        },
        item('a3', 'x'.repeat(201)),
        { ok: true, item: { externalId: 'gone', text: '', deleted: true } },
        ...manyItems(60),
      ],
      nextCursor: 'p2',
      stateUpdates: { seen: '2024-04-20' },
    },
    p2: { items: manyItems(3, 100), nextCursor: null },
  });
  build();
});

afterEach(async () => {
  await temp.cleanup();
});

describe('collect stage', () => {
  it('validates, redacts, batches with deterministic ids, records the page and moves the cursor', async () => {
    const helpers = recordingHelpers();
    const counts = await handlers.collect(collectPayload(), helpers);
    expect(counts).toEqual({ items: 64, enqueued: 61, quarantined: 2, deleted: 0 });

    const processJobs = helpers.enqueued.filter((e) => e.stage === 'process');
    expect(processJobs.map((e) => e.job.id)).toEqual([
      'process-sample-start00000000000-0',
      'process-sample-start00000000000-1',
    ]);
    const comments = processJobs.flatMap((e) => (e.job.payload as { comments: RedactedComment[] }).comments);
    expect(comments).toHaveLength(61);
    expect(comments[0]).toMatchObject({ externalId: 'a1', text: 'The nurse was kind, write to me at [EMAIL]' });
    expect(comments[0]!.authorHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(helpers.enqueued)).not.toContain('author-a1');

    const quarantine = await temp.store.listQuarantine({ limit: 10, source: 'sample' });
    expect(quarantine.map((q) => q.code).sort()).toEqual(['text_too_long', 'wrong_type']);
    expect(JSON.stringify(quarantine)).not.toContain('x@y.org');
    expect(await temp.store.countPages('sample')).toBe(1);
    expect(await temp.store.getCursor('sample', PAGE_CURSOR_KEY)).toBe('p2');
    expect(await temp.store.getCursor('sample', `${STATE_KEY_PREFIX}seen`)).toBe('2024-04-20');

    const next = helpers.enqueued.filter((e) => e.stage === 'collect');
    expect(next).toHaveLength(1);
    const runId = runIdOfFirstPage('run1', 'job-1');
    expect(runId).toMatch(/^run1-[0-9a-f]{8}$/);
    expect(next[0]!.job).toMatchObject({
      id: `collect-sample-${runId}-1`,
      source: 'sample',
      payload: { cursor: 'p2', pageNumber: 1, runId, runTotals: counts },
    });
  });

  it('gives each scheduled firing of the same payload its own follow-on page ids', async () => {
    const first = recordingHelpers('repeat_carevoice.collect-sample_1000');
    await handlers.collect(collectPayload({ cursor: 'start' }), first);
    const second = recordingHelpers('repeat_carevoice.collect-sample_2000');
    await handlers.collect(collectPayload({ cursor: 'start' }), second);
    const idOf = (h: typeof first) => h.enqueued.find((e) => e.stage === 'collect')?.job.id;
    expect(idOf(first)).toBeDefined();
    expect(idOf(second)).toBeDefined();
    expect(idOf(first)).not.toBe(idOf(second));
  });

  it('resumes from the stored cursor and state, and records the run on the last page', async () => {
    await handlers.collect(collectPayload(), recordingHelpers());
    const helpers = recordingHelpers();
    const counts = await handlers.collect(collectPayload(), helpers);
    expect(connector.calls.at(-1)).toEqual({ cursor: 'p2', state: '2024-04-20' });
    expect(counts).toEqual({ items: 3, enqueued: 3, quarantined: 0, deleted: 0 });
    expect(helpers.enqueued.filter((e) => e.stage === 'collect')).toEqual([]);
    const runs = await temp.store.lastRuns();
    expect(runs).toContainEqual(
      expect.objectContaining({
        kind: 'collect',
        source: 'sample',
        status: 'ok',
        counts: expect.objectContaining({ items: 3, pages: 1 }),
      }),
    );
  });

  it('carries run totals to the run record across pages', async () => {
    const first = recordingHelpers();
    await handlers.collect(collectPayload(), first);
    const nextJob = first.enqueued.find((e) => e.stage === 'collect')!.job;
    await handlers.collect(stagePayloadSchemas.collect.parse(nextJob.payload), recordingHelpers());
    const run = (await temp.store.lastRuns()).find((r) => r.kind === 'collect')!;
    expect(run.counts).toEqual({ items: 67, enqueued: 64, quarantined: 2, deleted: 0, pages: 2 });
  });

  it('stops at the page budget', async () => {
    build(1);
    const helpers = recordingHelpers();
    await handlers.collect(collectPayload(), helpers);
    expect(helpers.enqueued.filter((e) => e.stage === 'collect')).toEqual([]);
    expect(await temp.store.getCursor('sample', PAGE_CURSOR_KEY)).toBe('p2');
  });

  it('keeps the cursor when a crash comes before it, and a refetch gives the same job ids', async () => {
    const crashing = recordingHelpers();
    crashing.enqueue = async () => {
      throw new Error('redis went away');
    };
    await expect(handlers.collect(collectPayload(), crashing)).rejects.toThrow('redis went away');
    expect(await temp.store.getCursor('sample', PAGE_CURSOR_KEY)).toBeNull();
    expect(await temp.store.getCursor('sample', `${STATE_KEY_PREFIX}seen`)).toBeNull();

    const first = recordingHelpers();
    await handlers.collect(collectPayload(), first);
    const again = recordingHelpers();
    await temp.store.setCursor('sample', PAGE_CURSOR_KEY, 'start'); // replay the same page
    connector = new ScriptedConnector('sample', { start: { items: manyItems(60), nextCursor: 'p2' } });
    build();
    await handlers.collect(collectPayload({ cursor: null }), again);
    // Same page content hash and order → same ids, so the queue runs each batch once.
    expect(again.enqueued.filter((e) => e.stage === 'process').map((e) => e.job.id)).toEqual(
      first.enqueued.filter((e) => e.stage === 'process').map((e) => e.job.id),
    );
  });

  it('deletes comments the source says were deleted, and a queued copy does not bring them back', async () => {
    const queuedCopy = stagePayloadSchemas.process.parse({
      source: 'sample',
      batchId: 'b',
      comments: [
        {
          source: 'sample',
          externalId: 'gone',
          text: 'to be deleted',
          fetchedAt: '2024-05-01T00:00:00Z',
          pageHash: 'p',
          redactions: [],
        },
      ],
    });
    await handlers.process(queuedCopy, recordingHelpers());
    expect(await temp.store.getComment('sample', 'gone')).not.toBeNull();
    const counts = await handlers.collect(collectPayload(), recordingHelpers());
    expect(counts).toMatchObject({ deleted: 1 });
    expect(await temp.store.getComment('sample', 'gone')).toBeNull();
    await handlers.process(queuedCopy, recordingHelpers());
    expect(await temp.store.getComment('sample', 'gone')).toBeNull();
  });

  it('hands a rate limit to the queue and leaves everything else alone', async () => {
    connector.failWith = new RateLimitedError('sample', 30_000);
    const error = await handlers.collect(collectPayload(), recordingHelpers()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitSignal);
    expect((error as RateLimitSignal).ms).toBe(30_000);
    expect(await temp.store.countPages()).toBe(0);
  });

  it('lets other errors through for the queue to retry, and refuses an unknown source', async () => {
    connector.failWith = new Error('socket hang up');
    await expect(handlers.collect(collectPayload(), recordingHelpers())).rejects.toThrow('socket hang up');
    await expect(handlers.collect(collectPayload({ source: 'nowhere' }), recordingHelpers())).rejects.toBeInstanceOf(
      UnrecoverableStageError,
    );
  });
});
