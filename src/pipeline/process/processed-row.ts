/** The row the process stage stores for one analysed comment, before the duplicate decision. */
import type { CommentAnalysis, ProcessedComment, RedactedComment } from '../../domain/model.js';
import type { DedupeKeys } from './dedupe-batch.js';
import { commentPeriod } from './period.js';

/**
 * Every field named, not spread: V8 builds an object spread from two objects plus more fields on a
 * slow path (microseconds a comment, and a slower shape for every later read of it), where a literal
 * has one fixed shape. A field added to the model must be added here too; the test keeps them equal.
 * An optional field the comment lacks is here as `undefined` rather than absent, which JSON, the
 * row mapping and zod all read the same way.
 */
export function processedRow(
  comment: RedactedComment,
  keys: DedupeKeys,
  analysis: CommentAnalysis,
  processedAt: string,
): ProcessedComment {
  return {
    source: comment.source,
    externalId: comment.externalId,
    text: comment.text,
    question: comment.question,
    postedAt: comment.postedAt,
    fetchedAt: comment.fetchedAt,
    url: comment.url,
    authorHash: comment.authorHash,
    odsCode: comment.odsCode,
    pageHash: comment.pageHash,
    redactions: comment.redactions,
    attributes: comment.attributes,
    sentiment: analysis.sentiment,
    rating: analysis.rating,
    themes: analysis.themes,
    tumourGroups: analysis.tumourGroups,
    rareCancer: analysis.rareCancer,
    provider: analysis.provider,
    safety: analysis.safety,
    contentHash: keys.contentHash,
    simhash: keys.simhash,
    duplicateOf: null,
    period: commentPeriod(comment),
    processedAt,
  };
}
