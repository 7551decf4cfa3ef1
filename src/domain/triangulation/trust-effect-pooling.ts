import type { QuestionContext } from './question-context.js';
import { type DepartureBlock, withinBlockVariance } from './variance-components.js';

/**
 * A trust's effect is read per question from its All Cancers score, whose sampling noise (a few hundred
 * respondents: about 0.15 on the log-odds scale) is as large as the real question-to-question
 * differences in how a trust does. So each question's effect is shrunk toward the trust's
 * precision-weighted mean over its questions, by τ² / (τ² + noise), where τ² (`questionVariance`) is the
 * fitted spread of real question effects around that mean. The contexts' effects and their variances
 * (now the posterior variance of the question's effect) are replaced in place.
 */
export function poolTrustEffects(contexts: Iterable<QuestionContext>, questionVariance: number): void {
  const read = [...contexts].filter((c) => c.trustEffect !== undefined && c.trustEffectVariance !== undefined);
  if (read.length === 0) return;
  const weights = read.map((c) => 1 / (questionVariance + c.trustEffectVariance!));
  const total = weights.reduce((a, b) => a + b, 0);
  const mean = read.reduce((a, c, i) => a + weights[i]! * c.trustEffect!, 0) / total;
  for (const c of read) {
    const noise = c.trustEffectVariance!;
    const keep = questionVariance / (questionVariance + noise);
    c.trustEffect = mean + keep * (c.trustEffect! - mean);
    c.trustEffectVariance = keep * noise + (1 - keep) ** 2 / total;
  }
}

/** Fits τ² of `poolTrustEffects`: the spread of a trust's question effects beyond their sampling noise. */
export function fitTrustQuestionVariance(trusts: Iterable<Iterable<QuestionContext>>, floor: number): number {
  const blocks: DepartureBlock[] = [];
  for (const contexts of trusts) {
    const block: DepartureBlock = { departures: [], noise: [] };
    for (const c of contexts) {
      if (c.trustEffect === undefined || c.trustEffectVariance === undefined) continue;
      block.departures.push(c.trustEffect);
      block.noise.push(c.trustEffectVariance);
    }
    blocks.push(block);
  }
  return withinBlockVariance(blocks, floor);
}
