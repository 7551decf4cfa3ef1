import { TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import { recoverScore } from './all-cancers-score.js';
import type { CpesScore } from './cpes-score.js';
import type { CpesTable, GroupCell, QuestionCells } from './cpes-table.js';
import { logitPp, samplingVarianceLogit } from './logit.js';
import type { ResolvedOptions } from './triangulation-options.js';

/** An unpublished tumour group of a trust at one question, with its estimated share of the residual pool. */
export interface PoolMember {
  group: TumourGroupId;
  /** Estimated respondents (never published: inferred from national shares and the trust's other questions). */
  respondents: number;
  /** respondents / pool respondents. */
  weight: number;
  /** Size expected before the pool total was shared out, and whether it came from the trust's own figures. */
  expected: number;
  informed: boolean;
}

/** Reasons a residual cannot be used, reported as an input of the estimate. */
export type ResidualUnusable = 'no_all_cancers_row' | 'fewer_than_minimum_respondents';

/**
 * Everything published about one trust × question, digested for the estimator. Internal: it holds the
 * raw residual, which must never reach an output.
 */
export interface QuestionContext {
  question: number;
  national: QuestionCells;
  allCancers?: CpesScore | undefined;
  /** The trust's published tumour-group cells at this question. */
  published: GroupCell[];
  /** Unpublished groups (suppressed, hidden, or not treated at this trust), pooled in the residual. */
  pool: PoolMember[];
  /** All Cancers respondents minus the published groups' respondents. */
  poolRespondents: number;
  /** Respondent-weighted mean score of the pool (pp) and its rounding variance (pp²), when usable. */
  residual?: { score: number; roundingVariance: number } | undefined;
  residualUnusable?: ResidualUnusable | undefined;
  /** The trust's log-odds effect: All Cancers against what England's group scores give for its case mix. */
  trustEffect?: number | undefined;
  /** Sampling variance (log-odds²) of `trustEffect`, from All Cancers' respondents. */
  trustEffectVariance?: number | undefined;
}

/** Per trust: respondents of each group at each question where it was published (to size suppressed groups). */
export type PublishedSizes = Map<TumourGroupId, Map<number, number>>;

export function publishedSizes(byQuestion: Map<number, QuestionCells> | undefined): PublishedSizes {
  const sizes: PublishedSizes = new Map();
  for (const [q, cells] of byQuestion ?? []) {
    for (const [g, cell] of cells.groups) {
      const m = sizes.get(g) ?? new Map<number, number>();
      m.set(q, cell.respondents);
      sizes.set(g, m);
    }
  }
  return sizes;
}

/**
 * Expected size of an unpublished group before the pool total is shared out: its own respondents on the
 * trust's other questions when it was published there (scaled by England's question-to-question ratio),
 * else England's share of respondents for the group times the trust's All Cancers respondents, times
 * `sizeFactor` (fitted: groups a trust never publishes are mostly smaller than England's mix suggests).
 */
function baseSize(
  group: TumourGroupId,
  question: number,
  national: Map<number, QuestionCells>,
  sizes: PublishedSizes,
  trustRespondents: number,
  sizeFactor: number,
): { expected: number; informed: boolean } {
  const nationalHere = national.get(question)?.groups.get(group)?.respondents ?? 0;
  const own = sizes.get(group);
  if (own && own.size > 0 && nationalHere > 0) {
    let sum = 0;
    let count = 0;
    for (const [q, n] of own) {
      const nationalThere = national.get(q)?.groups.get(group)?.respondents ?? 0;
      if (nationalThere > 0) {
        sum += (n * nationalHere) / nationalThere;
        count++;
      }
    }
    if (count > 0) return { expected: sum / count, informed: true };
  }
  const nationalAll = national.get(question)?.all?.respondents ?? 0;
  const share = nationalAll > 0 ? (trustRespondents * nationalHere) / nationalAll : 0;
  return { expected: sizeFactor * share, informed: false };
}

/**
 * Shares the pool's respondents among its members. A member with an unbounded cap (a group hidden for
 * validation, whose size is unknown) takes what the others' expected sizes leave. Otherwise the total is
 * shared in proportion to expected sizes with no member above its cap (water-filling); caps are dropped
 * when they cannot hold the total.
 */
export function allocate(total: number, expected: number[], caps: number[]): number[] {
  const open = caps.map((c) => c === Number.POSITIVE_INFINITY);
  if (open.some(Boolean)) {
    const others = expected.map((e, i) => (open[i] ? 0 : Math.min(e, caps[i]!)));
    const remainder = total - others.reduce((a, b) => a + b, 0);
    if (remainder > 0) {
      const openExpected = expected.reduce((a, e, i) => a + (open[i] ? e : 0), 0);
      const openCount = open.filter(Boolean).length;
      return others.map((o, i) =>
        open[i] ? (openExpected > 0 ? (remainder * expected[i]!) / openExpected : remainder / openCount) : o,
      );
    }
  }
  const sumExpected = expected.reduce((a, b) => a + b, 0);
  const shares = sumExpected > 0 ? expected : expected.map(() => 1);
  const capacity = caps.reduce((a, c) => a + c, 0);
  if (capacity < total || open.some(Boolean)) {
    const s = shares.reduce((a, b) => a + b, 0);
    return shares.map((b) => (total * b) / s);
  }
  // Bisection on the scale factor: the sum of min(c·share, cap) rises monotonically in c.
  let lo = 0;
  let hi = 1;
  const filled = (c: number) => shares.reduce((a, b, i) => a + Math.min(c * b, caps[i]!), 0);
  while (filled(hi) < total) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (filled(mid) < total) lo = mid;
    else hi = mid;
  }
  return shares.map((b, i) => Math.min(hi * b, caps[i]!));
}

/**
 * Digests one trust × question. `capFor(group)` is the most respondents an unpublished group can have:
 * `suppressionThreshold − 1` for a suppressed cell, unbounded for a cell hidden for validation.
 */
export function buildQuestionContext(
  table: CpesTable,
  odsCode: string,
  question: number,
  sizes: PublishedSizes,
  capFor: (group: TumourGroupId) => number,
  options: ResolvedOptions,
  sizeFactor = 1,
): QuestionContext | undefined {
  const national = table.national.get(question);
  if (!national) return undefined;
  const cells = table.trusts.get(odsCode)?.get(question);
  const allCancers = cells?.all;
  const published = [...(cells?.groups.values() ?? [])];
  const publishedRespondents = published.reduce((a, c) => a + c.respondents, 0);
  const trustRespondents = allCancers?.respondents ?? 0;
  const poolRespondents = trustRespondents - publishedRespondents;
  const poolGroups = TUMOUR_GROUPS.filter((g) => !cells?.groups.has(g) && national.groups.has(g));
  const base = poolGroups.map((g) => baseSize(g, question, table.national, sizes, trustRespondents, sizeFactor));
  const sizesInPool = allocate(
    Math.max(0, poolRespondents),
    base.map((b) => b.expected),
    poolGroups.map((g) => capFor(g)),
  );
  const pool = poolGroups.map((group, i) => ({
    group,
    respondents: sizesInPool[i]!,
    weight: poolRespondents > 0 ? sizesInPool[i]! / poolRespondents : 0,
    expected: base[i]!.expected,
    informed: base[i]!.informed,
  }));
  const context: QuestionContext = { question, national, allCancers, published, pool, poolRespondents };
  if (!allCancers) {
    context.residualUnusable = 'no_all_cancers_row';
    return context;
  }
  const all = recoverScore(allCancers, options);
  const groupRounding = (options.scoreRoundingUnit * options.scoreRoundingUnit) / 12;
  // Case mix: what the trust would score with England's group scores and its own mix of patients.
  let expected = 0;
  for (const c of published) expected += c.respondents * national.groups.get(c.tumourGroup)!.score;
  for (const m of pool) expected += m.respondents * national.groups.get(m.group)!.score;
  const mixed = publishedRespondents + pool.reduce((a, m) => a + m.respondents, 0);
  context.trustEffect = mixed > 0 ? logitPp(all.score) - logitPp(expected / mixed) : undefined;
  context.trustEffectVariance = samplingVarianceLogit(all.score, allCancers.respondents);
  if (poolRespondents < options.minResidualRespondents) {
    context.residualUnusable = 'fewer_than_minimum_respondents';
    return context;
  }
  let publishedTotal = 0;
  let publishedSquares = 0;
  for (const c of published) {
    publishedTotal += c.respondents * c.score;
    publishedSquares += c.respondents * c.respondents;
  }
  const n = allCancers.respondents;
  context.residual = {
    score: (n * all.score - publishedTotal) / poolRespondents,
    roundingVariance: (n * n * all.roundingVariance + publishedSquares * groupRounding) / poolRespondents ** 2,
  };
  return context;
}
