import type { TumourGroupId } from '../model.js';
import type { CpesTable } from './cpes-table.js';
import { buildQuestionContext, publishedSizes, type QuestionContext } from './question-context.js';
import type { ResolvedOptions } from './triangulation-options.js';
import { poolTrustEffects } from './trust-effect-pooling.js';

/**
 * Every question's context for one trust. `uncapped` names a group whose size is unknown (hidden for
 * validation); every other unpublished group was suppressed, so it has fewer than the threshold.
 * `sizeFactor` scales the expected size of groups the trust never published (see `TriangulationParameters`).
 * With `trustQuestionVariance`, each question's trust effect is pooled with the trust's other questions
 * (see `poolTrustEffects`).
 */
export function trustContexts(
  table: CpesTable,
  odsCode: string,
  options: ResolvedOptions,
  uncapped?: TumourGroupId,
  sizeFactor = 1,
  trustQuestionVariance?: number,
): Map<number, QuestionContext> {
  const sizes = publishedSizes(table.trusts.get(odsCode));
  const cap = options.suppressionThreshold - 1;
  const capFor = (g: TumourGroupId) => (g === uncapped ? Number.POSITIVE_INFINITY : cap);
  const contexts = new Map<number, QuestionContext>();
  for (const q of table.questions) {
    const context = buildQuestionContext(table, odsCode, q, sizes, capFor, options, sizeFactor);
    if (context) contexts.set(q, context);
  }
  if (trustQuestionVariance !== undefined) poolTrustEffects(contexts.values(), trustQuestionVariance);
  return contexts;
}
