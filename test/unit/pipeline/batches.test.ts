import { describe, expect, it } from 'vitest';
import type { RedactedComment } from '../../../src/domain/model.js';
import { processBatches } from '../../../src/pipeline/collect/batches.js';
import { nextCollectJobId, processBatchJobId, processItemJobId } from '../../../src/pipeline/job-ids.js';

const pageHash = '0123456789abcdef'.repeat(4);
const comments: RedactedComment[] = Array.from({ length: 450 }, (_, i) => ({
  source: 'sample',
  externalId: `c${i}`,
  text: `comment ${i}`,
  fetchedAt: '2024-05-01T00:00:00.000Z',
  pageHash,
  redactions: [],
}));

describe('processBatches', () => {
  it('splits in order into batches of at most batchSize', () => {
    const jobs = processBatches('sample', pageHash, comments, 200);
    expect(jobs.map((job) => job.payload.comments.length)).toEqual([200, 200, 50]);
    expect(jobs.flatMap((job) => job.payload.comments)).toEqual(comments);
  });

  it('gives the same ids for the same page, whatever the run', () => {
    const first = processBatches('sample', pageHash, comments, 200).map((job) => job.id);
    const again = processBatches('sample', pageHash, comments, 200).map((job) => job.id);
    expect(first).toEqual([
      'process-sample-0123456789abcdef-0',
      'process-sample-0123456789abcdef-1',
      'process-sample-0123456789abcdef-2',
    ]);
    expect(again).toEqual(first);
  });

  it('makes nothing for an empty page and rejects a bad batch size', () => {
    expect(processBatches('sample', pageHash, [], 200)).toEqual([]);
    expect(() => processBatches('sample', pageHash, comments, 0)).toThrow(/batchSize/);
  });
});

describe('job ids', () => {
  it('never contain a colon (BullMQ refuses them) and are stable', () => {
    expect(processBatchJobId('care:opinion', pageHash, 3)).toBe('process-care_opinion-0123456789abcdef-3');
    expect(nextCollectJobId('file', 'run:1', 2)).toBe('collect-file-run_1-2');
    const itemId = processItemJobId('file', 'line:17', 'abc-0');
    expect(itemId).toMatch(/^process-item-file-[0-9a-f]{16}$/);
    expect(processItemJobId('file', 'line:17', 'abc-0')).toBe(itemId);
    expect(processItemJobId('file', 'line:18', 'abc-0')).not.toBe(itemId);
    // A later batch carrying the same item (an edit) gets its own retry job.
    expect(processItemJobId('file', 'line:17', 'def-0')).not.toBe(itemId);
  });
});
