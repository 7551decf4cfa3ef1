import type { TumourGroupId } from '../../model.js';
import type { OutsideFeature } from '../outside-group-signals.js';
import type { FeatureValue } from '../prior-error-calibration.js';
import type { ComplaintCount, SyntheticComment } from './generate-sources.js';
import type { FftMonth } from './suppression.js';

const logit = (p: number) => Math.log(p / (1 - p));
/** Empirical log-odds with half a count each way, so 0 of n stays finite. */
const empiricalLogit = (k: number, n: number) => logit((k + 0.5) / (n + 1));
/** Binomial variance of an empirical log-odds from n answers, at the expected share (not the observed). */
const logitVariance = (n: number, share: number) => 1 / ((n + 1) * share * (1 - share));

/** Positive and total theme mentions. */
interface Tally {
  n: number;
  k: number;
}

function tallyComments(comments: readonly SyntheticComment[], keyOf: (c: SyntheticComment) => string) {
  const tallies = new Map<string, Tally>();
  for (const c of comments) {
    const t = tallies.get(keyOf(c)) ?? { n: 0, k: 0 };
    for (const theme of c.themes) {
      t.n++;
      if (theme.sentiment === 'positive') t.k++;
    }
    tallies.set(keyOf(c), t);
  }
  return tallies;
}

/** A share of positive mentions less a reference share, its binomial variance taken at the reference. */
function shareDeparture(t: Tally | undefined, reference: Tally | undefined): FeatureValue | undefined {
  if (!t || t.n === 0 || !reference) return undefined;
  const share = (reference.k + 0.5) / (reference.n + 1);
  return { value: t.k / t.n - share, noise: (share * (1 - share)) / t.n };
}

/**
 * Comments about the trust × group against comments about the trust's other groups: the share of positive
 * theme mentions (all themes, unshrunk: the calibration weighs it by its count) less the share of the
 * trust's other mentions. A trust's commenters may be harsh or kind about everything (its online
 * culture): the contrast takes that out, and what the trust does for all its patients the survey prior
 * already knows from All Cancers. What is left speaks to the trust's care of this group. Comments are
 * too few to read one theme of a small group, so all themes count together. Shares are taken as they
 * are, not as log-odds: a log-odds from a handful of mentions is biased (toward even odds, by the half
 * count that keeps it finite), and a calibration fitted on published groups' many mentions would carry
 * that bias into every small group's reading.
 */
export function commentFeature(comments: readonly SyntheticComment[]): OutsideFeature {
  const cells = tallyComments(comments, (c) => `${c.odsCode}|${c.tumourGroup}`);
  const trusts = tallyComments(comments, (c) => c.odsCode);
  return {
    name: 'comments',
    source: 'comments',
    value(odsCode, group) {
      const cell = cells.get(`${odsCode}|${group}`);
      const trust = trusts.get(odsCode);
      if (!cell || !trust || cell.n === 0 || trust.n === cell.n) return undefined;
      const rest = { n: trust.n - cell.n, k: trust.k - cell.k };
      // Binomial noise at the trust's share, from both counts.
      const share = (trust.k + 0.5) / (trust.n + 1);
      return { value: cell.k / cell.n - rest.k / rest.n, noise: share * (1 - share) * (1 / cell.n + 1 / rest.n) };
    },
  };
}

/**
 * Comments about the whole trust, every group together, less England's share. Beside the trust ×
 * group's own share it lets the calibration take out what is the trust's online culture rather than its
 * care of the group (a trust whose commenters are harsh about everything).
 */
export function trustCommentFeature(comments: readonly SyntheticComment[]): OutsideFeature {
  const trusts = tallyComments(comments, (c) => c.odsCode);
  const england = tallyComments(comments, () => '');
  return {
    name: 'comments (trust)',
    source: 'comments',
    value: (odsCode) => shareDeparture(trusts.get(odsCode), england.get('')),
  };
}

/** FFT: the trust's log-odds positive over its published months (`*` months carry nothing). */
export function fftFeature(months: readonly FftMonth[]): OutsideFeature {
  const trusts = new Map<string, Tally>();
  const england = { n: 0, k: 0 };
  for (const m of months) {
    if (m.responses === '*' || m.percentPositive === '*') continue;
    const t = trusts.get(m.odsCode) ?? { n: 0, k: 0 };
    t.n += m.responses;
    const positive = Math.round((m.percentPositive * m.responses) / 100);
    t.k += positive;
    trusts.set(m.odsCode, t);
    england.n += m.responses;
    england.k += positive;
  }
  const share = (england.k + 0.5) / (england.n + 1);
  return {
    name: 'fft',
    source: 'fft',
    value(odsCode) {
      const t = trusts.get(odsCode);
      return t && t.n > 0 ? { value: empiricalLogit(t.k, t.n), noise: logitVariance(t.n, share) } : undefined;
    },
  };
}

/**
 * Complaints: the trust × group's complaints over the count England's rate for the group would give its
 * patients (observed / expected), its Poisson variance taken at the expected count. The ratio is unbiased
 * at any size, where a log rate of a count near 1 is not (the half count that keeps it finite would lift
 * every small group's rate). Specialties differ in how readily patients complain, so each group is its
 * own stratum with its own intercept.
 */
export function complaintFeature(counts: readonly ComplaintCount[]): OutsideFeature {
  const cells = new Map(counts.map((c) => [`${c.odsCode}|${c.tumourGroup}`, c]));
  const rates = new Map<TumourGroupId, { patients: number; complaints: number }>();
  for (const c of counts) {
    const r = rates.get(c.tumourGroup) ?? { patients: 0, complaints: 0 };
    r.patients += c.patients;
    r.complaints += c.complaints;
    rates.set(c.tumourGroup, r);
  }
  return {
    name: 'complaints',
    source: 'complaints',
    value(odsCode, group) {
      const c = cells.get(`${odsCode}|${group}`);
      if (!c || c.patients <= 0) return undefined;
      const england = rates.get(group)!;
      const expected = (c.patients * (england.complaints + 0.5)) / england.patients;
      return { value: c.complaints / expected, noise: 1 / expected, stratum: group };
    },
  };
}
