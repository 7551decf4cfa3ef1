/**
 * Stored comment aggregates as outside features of the live triangulation, read as the simulation reads
 * its comments (`simulation/outside-sources.ts`): raw counts of positive comments (not the shrunk share,
 * which the calibration would read as information), all periods pooled, `all` theme only.
 * Pure: the service hands in the aggregate rows.
 */
import type { TumourGroupId } from '../domain/model.js';
import type { OutsideFeature } from '../domain/triangulation/outside-group-signals.js';
import type { FeatureValue } from '../domain/triangulation/prior-error-calibration.js';
import type { AggregateRow } from '../storage/store.js';

export const COMMENT_SOURCE = 'comments';

/** Comments and positive comments. */
interface Tally {
  n: number;
  k: number;
}

export interface CommentTallies {
  /** Per trust × tumour group (`ODS|group`). */
  cells: Map<string, Tally>;
  /** Per trust: its comments about any tumour group. */
  trusts: Map<string, Tally>;
  england: Tally;
}

const add = (map: Map<string, Tally>, key: string, n: number, k: number) => {
  const t = map.get(key) ?? { n: 0, k: 0 };
  t.n += n;
  t.k += k;
  map.set(key, t);
};

/**
 * Pools each trust × tumour group's `all`-theme rows over periods. A trust's total is the sum of its
 * groups' rows, so a group's contrast with "the rest of the trust" compares like with like.
 */
export function tallyComments(rows: readonly AggregateRow[]): CommentTallies {
  const cells = new Map<string, Tally>();
  const trusts = new Map<string, Tally>();
  const england = { n: 0, k: 0 };
  for (const r of rows) {
    if (r.theme !== 'all' || r.tumourGroup === 'all' || r.n <= 0) continue;
    add(cells, `${r.odsCode}|${r.tumourGroup}`, r.n, r.positive);
    add(trusts, r.odsCode, r.n, r.positive);
    england.n += r.n;
    england.k += r.positive;
  }
  return { cells, trusts, england };
}

/** A smoothed share (half a count each way), kept off 0 and 1 for the binomial variance. */
const smoothedShare = (t: Tally) => (t.k + 0.5) / (t.n + 1);

/**
 * The trust × group's share of positive comments less the share of the trust's other comments: the
 * within-trust contrast takes out how harsh or kind the trust's commenters are about everything, which
 * the survey prior cannot know; the trust's overall level the prior already has from All Cancers.
 * Shares, not log-odds: a log-odds from a handful of comments is biased toward even odds.
 */
export function commentFeature(tallies: CommentTallies): OutsideFeature {
  return {
    name: 'comments',
    source: COMMENT_SOURCE,
    value(odsCode: string, group: TumourGroupId): FeatureValue | undefined {
      const cell = tallies.cells.get(`${odsCode}|${group}`);
      const trust = tallies.trusts.get(odsCode);
      if (!cell || !trust || cell.n === 0 || trust.n === cell.n) return undefined;
      const rest = { n: trust.n - cell.n, k: trust.k - cell.k };
      const share = smoothedShare(trust);
      return { value: cell.k / cell.n - rest.k / rest.n, noise: share * (1 - share) * (1 / cell.n + 1 / rest.n) };
    },
  };
}

/** The trust's share of positive comments (all its groups) less England's: its commenters' overall tone. */
export function trustCommentFeature(tallies: CommentTallies): OutsideFeature {
  const england = smoothedShare(tallies.england);
  return {
    name: 'comments (trust)',
    source: COMMENT_SOURCE,
    value(odsCode: string): FeatureValue | undefined {
      const trust = tallies.trusts.get(odsCode);
      if (!trust || trust.n === 0 || tallies.england.n === 0) return undefined;
      return { value: trust.k / trust.n - england, noise: (england * (1 - england)) / trust.n };
    },
  };
}
