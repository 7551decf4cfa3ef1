/** The row the process stage stores for one analysed comment, before the duplicate decision. */
import type { CommentAnalysis, ProcessedComment, RedactedComment } from '../../domain/model.js';
import type { DedupeKeys } from './dedupe-batch.js';
import { commentPeriod } from './period.js';

export function processedRow(
  comment: RedactedComment,
  keys: DedupeKeys,
  analysis: CommentAnalysis,
  processedAt: string,
): ProcessedComment {
  return {
    ...comment,
    ...analysis,
    contentHash: keys.contentHash,
    simhash: keys.simhash,
    duplicateOf: null,
    period: commentPeriod(comment),
    processedAt,
  };
}
