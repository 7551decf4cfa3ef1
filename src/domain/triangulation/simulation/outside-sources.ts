import type { TumourGroupId } from '../../model.js';
import type { SignalSource } from './calibrated-signals.js';
import type { ComplaintCount, SyntheticComment } from './generate-sources.js';
import type { FftMonth } from './suppression.js';

const logit = (p: number) => Math.log(p / (1 - p));
/** Empirical log-odds with half a count each way, so 0 of n stays finite. */
const empiricalLogit = (k: number, n: number) => logit((k + 0.5) / (n + 1));
/** Binomial variance of an empirical log-odds from n answers, at the expected share (not the observed). */
const logitVariance = (n: number, share: number) => 1 / ((n + 1) * share * (1 - share));

/**
 * Comments as a signal: the trust × group's share of positive theme mentions (all themes, unshrunk: the
 * estimator weighs it by its count) less England's share for the group. Comments are too few to
 * read one theme of a small group, but together they speak to how the trust treats the group. The
 * share is taken as it is, not as log-odds: a log-odds from a handful of mentions is biased (toward
 * even odds, by the half count that keeps it finite), and a calibration fitted on published groups'
 * many mentions would carry that bias into every small group's reading.
 */
export function commentSource(comments: readonly SyntheticComment[]): SignalSource {
  const cells = new Map<string, { n: number; k: number }>();
  const national = new Map<TumourGroupId, { n: number; k: number }>();
  for (const c of comments) {
    const cell = cells.get(`${c.odsCode}|${c.tumourGroup}`) ?? { n: 0, k: 0 };
    const england = national.get(c.tumourGroup) ?? { n: 0, k: 0 };
    for (const t of c.themes) {
      const positive = t.sentiment === 'positive' ? 1 : 0;
      cell.n++;
      cell.k += positive;
      england.n++;
      england.k += positive;
    }
    cells.set(`${c.odsCode}|${c.tumourGroup}`, cell);
    national.set(c.tumourGroup, england);
  }
  return {
    name: 'comments',
    value(odsCode, group) {
      const cell = cells.get(`${odsCode}|${group}`);
      const england = national.get(group);
      if (!cell || !england) return undefined;
      const share = (england.k + 0.5) / (england.n + 1);
      return { signal: cell.k / cell.n - share, noise: (share * (1 - share)) / cell.n, sharedNoise: true };
    },
  };
}

/** FFT as a signal: the trust's share positive over its published months (`*` months carry nothing). */
export function fftSource(months: readonly FftMonth[]): SignalSource {
  const trusts = new Map<string, { n: number; k: number }>();
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
    conditionOnPrior: true,
    value(odsCode) {
      const t = trusts.get(odsCode);
      return t && t.n > 0
        ? { signal: empiricalLogit(t.k, t.n), noise: logitVariance(t.n, share), sharedNoise: true }
        : undefined;
    },
  };
}

/**
 * Complaints as a signal: the trust × group's complaints over the count England's rate for the group
 * would give its patients (observed / expected), its Poisson variance taken at the expected count.
 * The ratio is unbiased at any size, where a log rate of a count near 1 is not (the half count that keeps
 * it finite would lift every small group's rate). Specialties differ in how readily patients complain,
 * so each group is its own calibration stratum.
 */
export function complaintSource(counts: readonly ComplaintCount[]): SignalSource {
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
    value(odsCode, group) {
      const c = cells.get(`${odsCode}|${group}`);
      if (!c || c.patients <= 0) return undefined;
      const england = rates.get(group)!;
      const expected = (c.patients * (england.complaints + 0.5)) / england.patients;
      return {
        signal: c.complaints / expected,
        noise: 1 / expected,
        stratum: group,
        sharedNoise: true,
      };
    },
  };
}
