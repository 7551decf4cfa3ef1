import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedactedComment } from '../../../src/domain/model.js';
import type { ProcessCounts } from '../../../src/pipeline/process/process-stage.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import { StoreUnavailableError } from '../../../src/storage/errors/store-unavailable-error.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  type TempStore,
} from './support/pipeline-fixtures.js';

const LONG_A =
  'The sarcoma team was great from the first clinic, the specialist nurse rang back the same day every time ' +
  'and the ward staff explained each scan result before we had to ask about it';
const LONG_B =
  'Parking was awful and the radiotherapy appointments ran late every single week, nobody told us why and ' +
  'the reception desk could not say how long the wait would be on any of those days';

function comment(externalId: string, text: string, extra: Partial<RedactedComment> = {}): RedactedComment {
  return {
    source: 'sample',
    externalId,
    text,
    postedAt: '2024-04-20T10:00:00.000Z',
    fetchedAt: '2024-05-02T09:00:00.000Z',
    odsCode: 'RAA',
    pageHash: 'p'.repeat(64),
    redactions: [],
    ...extra,
  };
}

let temp: TempStore;
let handlers: StageHandlers;

beforeEach(async () => {
  temp = await openTempStore();
  handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock(),
    exportDir: temp.dir,
  });
});

afterEach(async () => {
  await temp.cleanup();
});

async function processBatch(comments: unknown[], batchId = 'b1', helpers = recordingHelpers()) {
  const counts = (await handlers.process(
    stagePayloadSchemas.process.parse({ source: 'sample', batchId, comments }),
    helpers,
  )) as ProcessCounts;
  return { counts, helpers };
}

describe('process stage', () => {
  it('analyses and stores a batch in one upsert, with period and keys', async () => {
    const { counts } = await processBatch([comment('c1', LONG_A), comment('c2', LONG_B, { postedAt: undefined })]);
    expect(counts).toEqual({
      received: 2,
      stored: { inserted: 2, updated: 0, unchanged: 0, forgotten: 0 },
      duplicates: 0,
      quarantined: 0,
      requeued: 0,
    });
    const stored = await temp.store.getComment('sample', 'c1');
    expect(stored).toMatchObject({
      sentiment: { label: 'positive' },
      tumourGroups: ['sarcoma'],
      provider: { odsCode: 'RAA' },
      period: '2024-04',
      duplicateOf: null,
      processedAt: '2024-05-02T09:00:05.000Z',
    });
    expect(stored!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect((await temp.store.getComment('sample', 'c2'))!.period).toBe('2024-05'); // from fetchedAt
  });

  it('quarantines invalid comments with the zod issues and stores the rest', async () => {
    const { counts } = await processBatch([comment('ok', LONG_A), { source: 'sample', externalId: 'bad', text: 3 }]);
    expect(counts).toMatchObject({ received: 2, quarantined: 1, stored: { inserted: 1 } });
    const [record] = await temp.store.listQuarantine({ limit: 5 });
    expect(record).toMatchObject({ code: 'invalid_comment', externalId: 'bad' });
    expect(record!.reason).toMatch(/text/);
    expect(record!.reason).toMatch(/fetchedAt/);
  });

  it('marks exact and near duplicates of earlier comments, in the batch and in the store', async () => {
    await processBatch([comment('orig', LONG_A)], 'b1');
    const { counts } = await processBatch(
      [
        comment('copy', `  ${LONG_A.toUpperCase()}  `),
        comment('other', LONG_B),
        comment('other-copy', LONG_B.replace(/ /g, '  ')),
        comment('near', `${LONG_A} ${LONG_B} and more`),
        comment('punctuated', `${LONG_A.replace(/,/g, ';')}!!`),
      ],
      'b2',
    );
    expect(counts.duplicates).toBe(3);
    // Different content hash (punctuation counts there), same SimHash (it does not): a near duplicate.
    expect((await temp.store.getComment('sample', 'punctuated'))!.duplicateOf).toBe('sample:orig');
    expect((await temp.store.getComment('sample', 'copy'))!.duplicateOf).toBe('sample:orig');
    expect((await temp.store.getComment('sample', 'other'))!.duplicateOf).toBeNull();
    expect((await temp.store.getComment('sample', 'other-copy'))!.duplicateOf).toBe('sample:other');
    expect((await temp.store.getComment('sample', 'near'))!.duplicateOf).toBeNull();
  });

  it('never counts short texts as duplicates ("Nothing." from many people is many comments)', async () => {
    const { counts } = await processBatch([
      comment('n1', 'Nothing.'),
      comment('n2', 'Nothing.'),
      comment('n3', 'nothing'),
    ]);
    expect(counts.duplicates).toBe(0);
  });

  it('gives the same answer when the same comments are processed again, in any order', async () => {
    const batch = [comment('first', LONG_A), comment('second', LONG_A), comment('third', LONG_B)];
    await processBatch(batch, 'b1');
    const before = await Promise.all(batch.map((c) => temp.store.getComment('sample', c.externalId)));
    const { counts } = await processBatch([...batch].reverse(), 'b1');
    expect(counts.stored).toEqual({ inserted: 0, updated: 0, unchanged: 3, forgotten: 0 });
    const after = await Promise.all(batch.map((c) => temp.store.getComment('sample', c.externalId)));
    expect(after.map((c) => c!.duplicateOf)).toEqual(before.map((c) => c!.duplicateOf));
    expect(before.map((c) => c!.duplicateOf)).toEqual([null, 'sample:first', null]);
  });

  it('re-enqueues an item whose analysis fails alone and stores the rest', async () => {
    const { counts, helpers } = await processBatch([comment('good', LONG_A), comment('bad', 'this one will explode')]);
    expect(counts).toMatchObject({ requeued: 1, quarantined: 0, stored: { inserted: 1 } });
    expect(helpers.enqueued).toHaveLength(1);
    const retry = helpers.enqueued[0]!;
    expect(retry.stage).toBe('process');
    expect(retry.job.id).toMatch(/^process-item-sample-[0-9a-f]{16}$/);
    const payload = retry.job.payload as { comments: RedactedComment[] };
    expect(payload.comments.map((c) => c.externalId)).toEqual(['bad']);

    // Alone, it fails again and is quarantined with the error message.
    const alone = await processBatch(payload.comments, 'item-b1');
    expect(alone.counts).toMatchObject({ requeued: 0, quarantined: 1, stored: { inserted: 0 } });
    expect(alone.helpers.enqueued).toEqual([]);
    const [record] = await temp.store.listQuarantine({ limit: 5 });
    expect(record).toMatchObject({
      code: 'analysis_failed',
      externalId: 'bad',
      reason: 'analyser cannot read this comment',
    });
    expect(await temp.store.getComment('sample', 'bad')).toBeNull();
  });

  it('leaves a single-comment batch to the queue retry when the store is down, quarantining nothing', async () => {
    let outage = true;
    const flaky = new Proxy(temp.store, {
      get(target, property, receiver) {
        if (property === 'upsertComments' && outage) {
          return () => Promise.reject(new StoreUnavailableError('postgres store did not answer'));
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const flakyHandlers = createStageHandlers({
      store: flaky,
      connectors: new Map(),
      analyse: keywordAnalyser,
      redact: maskEmails,
      authorHashKey: AUTHOR_KEY,
      clock: fixedClock(),
      exportDir: temp.dir,
    });
    const payload = stagePayloadSchemas.process.parse({
      source: 'sample',
      batchId: 'one',
      comments: [comment('solo', LONG_A)],
    });
    await expect(flakyHandlers.process(payload, recordingHelpers())).rejects.toThrow(StoreUnavailableError);
    expect(await temp.store.countQuarantine()).toBe(0);
    outage = false;
    await flakyHandlers.process(payload, recordingHelpers());
    expect(await temp.store.getComment('sample', 'solo')).not.toBeNull();
    expect(await temp.store.countQuarantine()).toBe(0);
  });
});
