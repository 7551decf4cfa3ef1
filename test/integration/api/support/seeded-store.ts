import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { RedactedComment } from '../../../../src/domain/model.js';
import { redact } from '../../../../src/domain/redaction/redact.js';
import type { EnqueueRequest, StageHelpers, StageName } from '../../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../../src/pipeline/stage-handlers.js';
import { loadAnalyser } from '../../../../src/reference/load-analyser.js';
import { openStore } from '../../../../src/storage/open-store.js';
import type { Store } from '../../../../src/storage/store.js';

/**
 * A real SQLite store in a temp folder, filled by the real process and aggregate stages (shipped
 * analyser and redactor) from synthetic comments spread over trusts, themes, tumour groups, moods
 * and months, so every API filter has something to find and something to leave out.
 */

/** Marks every seeded comment, so a response can be scanned for it. */
export const SEEDED_AUTHOR_HASH = 'feedfacecafe0123456789abcdef0123456789abcdef0123456789abcdef0000';

const TRUSTS = ['RBV', 'RPY', 'RAX'];
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
const CANCERS = ['breast cancer', 'sarcoma', 'lung cancer', 'prostate cancer', 'my cancer'];
const EXPERIENCES = [
  'I waited eleven weeks for the scan results and nobody could tell me why.',
  'My clinical nurse specialist always rang back the same day.',
  'The staff treated me with dignity and respect on every visit.',
  'The parking was impossible and the waiting room was dirty.',
  'Nobody explained the side effects of the chemotherapy to me.',
  'The pain team sorted out my medication quickly.',
];
const MOODS = [
  'Brilliant care, thank you all so much.',
  'It was awful and I felt completely let down.',
  'That is all I have to say.',
  'Truly excellent, I could not have asked for more.',
];

/** `count` distinct synthetic comments; every field a collect stage would set is set. */
export function syntheticComments(count: number): RedactedComment[] {
  return Array.from({ length: count }, (_, i) => {
    // Month, trust, cancer, experience and mood cycle at different rates, so their combinations vary.
    const month = MONTHS[Math.floor(i / 3) % MONTHS.length]!;
    const day = String(1 + (i % 27)).padStart(2, '0');
    return {
      source: 'survey',
      externalId: `api-${String(i).padStart(4, '0')}`,
      text: `Visit ${i}: treated for ${CANCERS[i % CANCERS.length]}. ${EXPERIENCES[(i * 7) % EXPERIENCES.length]} ${MOODS[(i * 3) % MOODS.length]} (reference ${i * 7919})`,
      postedAt: `${month}-${day}T10:00:00.000Z`,
      fetchedAt: '2025-07-01T00:00:00.000Z',
      authorHash: SEEDED_AUTHOR_HASH,
      odsCode: TRUSTS[i % TRUSTS.length],
      pageHash: 'ab'.repeat(32),
      redactions: [],
    };
  });
}

function helpers(enqueued: string[]): StageHelpers {
  return {
    jobId: 'seed',
    attempt: 1,
    log: pino({ level: 'silent' }),
    async enqueue<S extends StageName>(stage: S, jobs: EnqueueRequest<S>[]) {
      for (const job of jobs) enqueued.push(`${stage}:${job.id}`);
    },
    async rateLimited() {
      throw new Error('the seed does not rate-limit');
    },
    async updateProgress() {},
  };
}

export interface SeededStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

export async function seededStore(count: number): Promise<SeededStore> {
  const dir = await mkdtemp(join(tmpdir(), 'carevoice-api-'));
  const store = await openStore({ sqlitePath: join(dir, 'carevoice.sqlite') });
  const handlers = createStageHandlers({
    store,
    connectors: new Map(),
    analyse: loadAnalyser(),
    redact,
    authorHashKey: 'api-test-author-hash-key-0123456789',
    clock: () => new Date('2025-07-01T12:00:00Z'),
    exportDir: join(dir, 'exports'),
  });
  const enqueued: string[] = [];
  const comments = syntheticComments(count);
  for (let start = 0; start < comments.length; start += 100) {
    const batch = comments.slice(start, start + 100);
    await handlers.process({ source: 'survey', batchId: `seed-${start}`, comments: batch }, helpers(enqueued));
  }
  await handlers.aggregate({ reason: 'seed' }, helpers(enqueued));
  if (enqueued.some((job) => job.startsWith('process:'))) {
    throw new Error(`the process stage re-queued seeded comments: ${enqueued.join(', ')}`);
  }
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
