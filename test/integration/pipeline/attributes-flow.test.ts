import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../../src/connectors/connector.js';
import type { CommentAttributes } from '../../../src/domain/model.js';
import type { ProcessCounts } from '../../../src/pipeline/process/process-stage.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  ScriptedConnector,
  type TempStore,
} from './support/pipeline-fixtures.js';

const story = (externalId: string, attributes: CommentAttributes): ParsedItem => ({
  ok: true,
  item: { externalId, text: `Invented story ${externalId}: the clinic was kind.`, attributes },
});

let temp: TempStore;
let handlers: StageHandlers;

beforeEach(async () => {
  temp = await openTempStore();
  const connector = new ScriptedConnector('care-opinion', {
    start: {
      items: [
        story('s1', { tags: ['write to ward.sister@example.org', 'parking'], criticality: -3 }),
        story('s2', { fftRating: 2, service: 'Day unit' }),
        story('s3', { criticality: 12 }),
      ],
      nextCursor: null,
    },
  });
  handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map([['care-opinion', connector]]),
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

/** Runs the enqueued process jobs as a worker would: payloads go through JSON, as through Redis. */
async function processEnqueued(helpers: ReturnType<typeof recordingHelpers>): Promise<ProcessCounts[]> {
  const counts: ProcessCounts[] = [];
  for (const { job } of helpers.enqueued.filter((e) => e.stage === 'process')) {
    const payload = stagePayloadSchemas.process.parse(JSON.parse(JSON.stringify(job.payload)));
    counts.push((await handlers.process(payload, recordingHelpers())) as ProcessCounts);
  }
  return counts;
}

describe('source-specific attributes from connector to store', () => {
  it('carries redacted attributes through collect and process into the store', async () => {
    const helpers = recordingHelpers();
    const collect = stagePayloadSchemas.collect.parse({ source: 'care-opinion', cursor: null, runId: 'run1' });
    expect(await handlers.collect(collect, helpers)).toMatchObject({ enqueued: 2, quarantined: 1 });
    expect(JSON.stringify(helpers.enqueued)).not.toContain('ward.sister@example.org');
    const [counts] = await processEnqueued(helpers);
    expect(counts).toMatchObject({ stored: { inserted: 2 }, quarantined: 0 });

    const s1 = await temp.store.getComment('care-opinion', 's1');
    expect(s1).toMatchObject({
      attributes: { tags: ['write to [EMAIL]', 'parking'], criticality: -3 },
      redactions: [{ kind: 'email', count: 1 }],
    });
    expect((await temp.store.getComment('care-opinion', 's2'))?.attributes).toEqual({
      fftRating: 2,
      service: 'Day unit',
    });
    const [record] = await temp.store.listQuarantine({ limit: 5 });
    expect(record).toMatchObject({ code: 'invalid_attributes', externalId: 's3' });
    expect(record!.reason).toMatch(/criticality/);
  });

  it('quarantines a queued comment whose attributes break the limits', async () => {
    const comment = {
      source: 'care-opinion',
      externalId: 'q1',
      text: 'Invented story: the clinic was kind.',
      fetchedAt: '2024-05-02T09:00:00.000Z',
      pageHash: 'p'.repeat(64),
      redactions: [],
      attributes: { fftRating: 6, tags: [''] },
    };
    const payload = stagePayloadSchemas.process.parse({ source: 'care-opinion', batchId: 'b1', comments: [comment] });
    const counts = (await handlers.process(payload, recordingHelpers())) as ProcessCounts;
    expect(counts).toMatchObject({ quarantined: 1, stored: { inserted: 0 } });
    const [record] = await temp.store.listQuarantine({ limit: 5 });
    expect(record).toMatchObject({ code: 'invalid_comment', externalId: 'q1' });
    expect(record!.reason).toMatch(/attributes\.fftRating/);
    expect(record!.reason).toMatch(/attributes\.tags\.0/);
  });
});
