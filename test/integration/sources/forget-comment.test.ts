/**
 * `forget`: a forgotten comment is deleted, a later fetch of the same item does not bring it back
 * (collect drops it; a batch already queued drops it too), and the next export leaves it out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDataMinimisation } from '../../../src/app/minimisation-handlers.js';
import type { ParsedItem } from '../../../src/connectors/connector.js';
import type { StageHandlers, StagePayload } from '../../../src/pipeline/stage.js';
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
} from '../pipeline/support/pipeline-fixtures.js';

const item = (externalId: string, text: string): ParsedItem => ({
  ok: true,
  item: { externalId, text, postedAt: '2024-04-20T10:00:00Z', odsCode: 'RBV' },
});

const PAGE = {
  items: [
    item('story-1', 'The sarcoma nurse was kind and the wait was short.'),
    item('story-2', 'Awful wait for the breast clinic, the letter came late.'),
    item('story-3', 'Great care on the chemo day unit from every nurse.'),
  ],
  nextCursor: null,
};

const collectPayload: StagePayload<'collect'> = { source: 'carevoice-test', cursor: null, pageNumber: 0, runId: 'r' };

describe('forgetting a comment', () => {
  let temp: TempStore;
  let handlers: StageHandlers;

  beforeEach(async () => {
    temp = await openTempStore();
    const clock = fixedClock();
    const connector = new ScriptedConnector('carevoice-test', { start: PAGE });
    const stageHandlers = createStageHandlers({
      store: temp.store,
      connectors: new Map([[connector.id, connector]]),
      analyse: keywordAnalyser,
      redact: maskEmails,
      authorHashKey: AUTHOR_KEY,
      clock,
      exportDir: join(temp.dir, 'exports'),
      options: { exportMinCellCount: 1 },
    });
    handlers = withDataMinimisation(stageHandlers, { store: temp.store, clock, commentTextDays: 365 });
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  /** Runs one collect job; returns the process payloads it enqueued (nothing is processed yet). */
  async function collect(): Promise<StagePayload<'process'>[]> {
    const helpers = recordingHelpers();
    await handlers.collect(collectPayload, helpers);
    return helpers.enqueued.filter((e) => e.stage === 'process').map((e) => e.job.payload as StagePayload<'process'>);
  }

  async function processAll(payloads: StagePayload<'process'>[]): Promise<void> {
    for (const payload of payloads) await handlers.process(payload, recordingHelpers());
  }

  const storedIds = async () =>
    (await temp.store.listComments({}, { limit: 10 })).items.map((c) => c.externalId).sort();

  it('is not brought back by a later fetch of the same item', async () => {
    await processAll(await collect());
    expect(await storedIds()).toEqual(['story-1', 'story-2', 'story-3']);

    expect(await temp.store.forgetComment('carevoice-test', 'story-2', '2024-05-03T00:00:00.000Z')).toBe(true);
    expect(await storedIds()).toEqual(['story-1', 'story-3']);

    const again = await collect();
    const carried = again.flatMap((p) => p.comments.map((c) => (c as { externalId: string }).externalId));
    expect(carried.sort()).toEqual(['story-1', 'story-3']);
    await processAll(again);
    expect(await storedIds()).toEqual(['story-1', 'story-3']);
  });

  it('drops the comment from a batch that was already queued when it was forgotten', async () => {
    const queued = await collect();
    await temp.store.forgetComment('carevoice-test', 'story-1', '2024-05-03T00:00:00.000Z');
    await processAll(queued);
    expect(await storedIds()).toEqual(['story-2', 'story-3']);
  });

  it('leaves the forgotten comment out of the next export', async () => {
    await processAll(await collect());
    await temp.store.forgetComment('carevoice-test', 'story-3', '2024-05-03T00:00:00.000Z');
    const result = (await handlers.export({ date: '2024-05-03' }, recordingHelpers())) as { path: string };
    const files = readdirSync(result.path).filter((name) => statSync(join(result.path, name)).isFile());
    const exported = files.map((name) => readFileSync(join(result.path, name)).toString('latin1')).join('\n');
    expect(exported).toContain('story-1');
    expect(exported).not.toContain('story-3');
  });
});
