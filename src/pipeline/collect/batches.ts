import type { RedactedComment } from '../../domain/model.js';
import { processBatchJobId } from '../job-ids.js';
import type { EnqueueRequest } from '../stage.js';

/** Splits a page's comments into `process` jobs with ids fixed by (source, page hash, batch index). */
export function processBatches(
  source: string,
  pageHash: string,
  comments: readonly RedactedComment[],
  batchSize: number,
): EnqueueRequest<'process'>[] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer; got ${batchSize}`);
  const jobs: EnqueueRequest<'process'>[] = [];
  for (let start = 0, index = 0; start < comments.length; start += batchSize, index++) {
    jobs.push({
      id: processBatchJobId(source, pageHash, index),
      payload: {
        source,
        batchId: `${pageHash.slice(0, 16)}-${index}`,
        comments: comments.slice(start, start + batchSize),
      },
    });
  }
  return jobs;
}
