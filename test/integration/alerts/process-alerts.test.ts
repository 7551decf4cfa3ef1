import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertDeliveryJobId, safetyAlertId } from '../../../src/alerts/alert.js';
import type { Analyser, RedactedComment } from '../../../src/domain/model.js';
import type { AlertOptionsInput } from '../../../src/pipeline/alert/alert-options.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  type RecordingHelpers,
  recordingHelpers,
  type TempStore,
} from '../pipeline/support/pipeline-fixtures.js';

/** The process stage's outbox step: safety alerts stored with their comments, once, never for duplicates. */

const FALL =
  'My father fell on the ward at night and lay there for an hour before anyone came, the sarcoma team ' +
  'were kind but the ward was awful and short of staff every single night';
const QUIET = 'The wait for the breast clinic was long but the staff were kind and explained every result clearly';

/** The test analyser, plus a fall flag for any text that mentions one. */
const analyser: Analyser = (input) => ({
  ...keywordAnalyser(input),
  safety: /\bfell\b/.test(input.text) ? [{ kind: 'fall' }] : [],
});

function comment(externalId: string, text: string): RedactedComment {
  return {
    source: 'sample',
    externalId,
    text,
    postedAt: '2024-04-20T10:00:00.000Z',
    fetchedAt: '2024-05-02T09:00:00.000Z',
    odsCode: 'RAA',
    pageHash: 'p'.repeat(64),
    redactions: [],
  };
}

let temp: TempStore;

beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

function handlers(alerts: AlertOptionsInput): StageHandlers {
  return createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: analyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock(),
    exportDir: temp.dir,
    alerts,
  });
}

async function processBatch(h: StageHandlers, comments: RedactedComment[], batchId: string): Promise<RecordingHelpers> {
  const helpers = recordingHelpers();
  await h.process(stagePayloadSchemas.process.parse({ source: 'sample', batchId, comments }), helpers);
  return helpers;
}

describe('safety alerts from the process stage', () => {
  it('stores one alert per flagged comment however often it is processed, and enqueues its delivery once', async () => {
    const h = handlers({ webhookUrl: 'http://127.0.0.1:9/hooks' });
    const first = await processBatch(h, [comment('c1', FALL), comment('c2', QUIET)], 'b1');
    const id = safetyAlertId({ source: 'sample', externalId: 'c1' }, 'fall');
    expect(first.enqueued).toEqual([
      { stage: 'alert', job: { id: alertDeliveryJobId(id, 0), payload: { action: 'deliver', alertId: id } } },
    ]);
    // The same page fetched again, a retried job, and a repost under another id (a duplicate).
    const again = await processBatch(h, [comment('c1', FALL), comment('c2', QUIET)], 'b1');
    const retried = await processBatch(h, [comment('c1', FALL)], 'b1-retry');
    const repost = await processBatch(h, [comment('c3', `  ${FALL.toUpperCase()} `)], 'b2');
    expect([...again.enqueued, ...retried.enqueued, ...repost.enqueued]).toEqual([]);
    expect((await temp.store.getComment('sample', 'c3'))?.duplicateOf).toBe('sample:c1');

    const { items } = await temp.store.listAlerts({}, { limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id,
      type: 'safety',
      kind: 'fall',
      odsCode: 'RAA',
      trustName: 'Trust RAA',
      tumourGroups: ['sarcoma'],
      period: '2024-04',
      evidenceText: FALL,
      comment: { source: 'sample', externalId: 'c1' },
      delivery: { state: 'pending', attempts: 0 },
    });
  });

  it('stores and lists alerts without a webhook, enqueuing nothing', async () => {
    const h = handlers({});
    const helpers = await processBatch(h, [comment('c1', FALL)], 'b1');
    expect(helpers.enqueued).toEqual([]);
    expect(await temp.store.listAlerts({ type: 'safety' }, { limit: 10 })).toMatchObject({
      items: [{ kind: 'fall', delivery: { state: 'pending' } }],
      next: null,
    });
  });
});
