import type { AggregateCounts, ThemeKey, TumourGroupKey } from '../../../storage/store.js';
import { shrinkAggregates } from '../../aggregation/shrink-aggregates.js';
import { THEMES, type ThemeId, TUMOUR_GROUPS, type TumourGroupId } from '../../model.js';
import type { CellPrior } from '../cell-priors.js';
import type { CpesTable } from '../cpes-table.js';
import { clampScore, expitPp, logitPp, ppPerLogit, Z95 } from '../logit.js';
import { solveLinear } from '../solve-linear.js';
import { cellKey } from './cell-keys.js';
import type { SyntheticComment } from './generate-sources.js';

/** A cell's score read from comments alone, with a 95% interval, pp. */
export interface CommentEstimate {
  score: number;
  lower: number;
  upper: number;
}

export interface CommentOnlyModel {
  /** Intercept, then slopes on the theme cell, the trust × group and the trust × theme comment departures. */
  coefficients: number[];
  /** Error variance (pp²) of a cell: base + perComment / (1 + comments on the trust × group). */
  baseVariance: number;
  noiseVariance: number;
  estimate(odsCode: string, group: TumourGroupId, question: number): CommentEstimate | undefined;
}

const keyOf = (odsCode: string, group: TumourGroupKey, theme: ThemeKey) => `${odsCode}|${group}|${theme}`;
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Comment sentiment the way CareVoice aggregates it: counts per trust × tumour group × theme with the `all`
 * roll-ups, every cell shrunk toward England's share by `shrinkAggregates` (cells without comments
 * included, so they take England's share).
 */
function shrunkShares(comments: readonly SyntheticComment[], trusts: readonly string[]): Map<string, number> {
  const counts = new Map<string, AggregateCounts>();
  const groups: TumourGroupKey[] = [...TUMOUR_GROUPS, 'all'];
  const themes: ThemeKey[] = [...THEMES, 'all'];
  for (const odsCode of trusts) {
    for (const tumourGroup of groups) {
      for (const theme of themes) {
        const cell = {
          odsCode,
          theme,
          tumourGroup,
          period: '2018',
          n: 0,
          positive: 0,
          neutral: 0,
          negative: 0,
          meanScore: 0,
        };
        counts.set(keyOf(odsCode, tumourGroup, theme), cell);
      }
    }
  }
  for (const c of comments) {
    for (const t of c.themes) {
      for (const g of [c.tumourGroup, 'all'] as const) {
        for (const theme of [t.id, 'all'] as const) {
          const cell = counts.get(keyOf(c.odsCode, g, theme));
          if (!cell) continue;
          cell.n++;
          if (t.sentiment === 'positive') cell.positive++;
          else cell.negative++;
          cell.meanScore = (cell.positive - cell.negative) / cell.n;
        }
      }
    }
  }
  const rows = shrinkAggregates([...counts.values()], '2018-12-31T00:00:00Z');
  return new Map(rows.map((r) => [keyOf(r.odsCode, r.tumourGroup, r.theme), r.positiveShare]));
}

/**
 * Comments-only estimates: the shrunk comment shares (theme cell, trust × group, trust × theme), each as a
 * log-odds departure from England's comment share, mapped onto each CPES question's departure (pp) from
 * England's group score by least squares on published cells. The error variance is fitted on the same
 * cells (less their known sampling noise) as a function of how many comments the trust × group has.
 */
export function fitCommentOnlyModel(
  comments: readonly SyntheticComment[],
  table: CpesTable,
  priors: Map<string, CellPrior>,
  themeOf: (question: number) => ThemeId,
): CommentOnlyModel {
  const trusts = [...table.trusts.keys()];
  const shares = shrunkShares(comments, trusts);
  // England's share per group × theme (and roll-ups), half a comment each way so none is 0 or 1.
  const england = new Map<string, { n: number; k: number }>();
  for (const c of comments) {
    for (const t of c.themes) {
      for (const key of [`${c.tumourGroup}|${t.id}`, `${c.tumourGroup}|all`, `all|${t.id}`, 'all|all']) {
        const cell = england.get(key) ?? { n: 0, k: 0 };
        cell.n++;
        if (t.sentiment === 'positive') cell.k++;
        england.set(key, cell);
      }
    }
  }
  const nationalShare = (g: TumourGroupKey, t: ThemeKey) => {
    const cell = england.get(`${g}|${t}`) ?? { n: 0, k: 0 };
    return (cell.k + 0.5) / (cell.n + 1);
  };
  const mentions = new Map<string, number>();
  for (const c of comments) {
    const key = `${c.odsCode}|${c.tumourGroup}`;
    mentions.set(key, (mentions.get(key) ?? 0) + c.themes.length);
  }
  const departure = (odsCode: string, g: TumourGroupKey, t: ThemeKey) =>
    logit(shares.get(keyOf(odsCode, g, t))!) - logit(nationalShare(g, t));
  const features = (odsCode: string, group: TumourGroupId, question: number) => {
    const theme = themeOf(question);
    return [1, departure(odsCode, group, theme), departure(odsCode, group, 'all'), departure(odsCode, 'all', theme)];
  };
  const noiseOf = (odsCode: string, group: TumourGroupId) => 1 / (1 + (mentions.get(`${odsCode}|${group}`) ?? 0));

  const rows: { x: number[]; y: number; truthVariance: number; noise: number }[] = [];
  for (const [odsCode, byQuestion] of table.trusts) {
    for (const [question, cells] of byQuestion) {
      for (const [group, cell] of cells.groups) {
        const prior = priors.get(cellKey(odsCode, group, question));
        if (!prior) continue;
        rows.push({
          x: features(odsCode, group, question),
          y: cell.score - prior.national,
          // Binomial noise at the expected score: at the observed one it would grow with the noise itself.
          truthVariance: (clampScore(prior.prior) * (100 - clampScore(prior.prior))) / cell.respondents + 1 / 12,
          noise: noiseOf(odsCode, group),
        });
      }
    }
  }
  const size = 4;
  const a = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const b = new Array<number>(size).fill(0);
  for (const { x, y } of rows) {
    for (let i = 0; i < size; i++) {
      b[i]! += x[i]! * y;
      for (let j = 0; j < size; j++) a[i]![j]! += x[i]! * x[j]!;
    }
  }
  const coefficients = solveLinear(a, b, 'fitCommentOnlyModel');
  // What the comments leave unexplained, less the published scores' own noise, against the noise index.
  const excess = rows.map((r) => (r.y - r.x.reduce((s, v, i) => s + v * coefficients[i]!, 0)) ** 2 - r.truthVariance);
  const meanNoise = rows.reduce((s, r) => s + r.noise, 0) / rows.length;
  const meanExcess = excess.reduce((s, e) => s + e, 0) / rows.length;
  let sxx = 0;
  let sxy = 0;
  for (const [i, r] of rows.entries()) {
    sxx += (r.noise - meanNoise) ** 2;
    sxy += (r.noise - meanNoise) * (excess[i]! - meanExcess);
  }
  const noiseVariance = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  const baseVariance = Math.max(1e-4, meanExcess - noiseVariance * meanNoise);
  return {
    coefficients,
    baseVariance,
    noiseVariance,
    estimate(odsCode, group, question) {
      const prior = priors.get(cellKey(odsCode, group, question));
      if (!prior || !table.trusts.has(odsCode)) return undefined;
      const x = features(odsCode, group, question);
      const score = clampScore(prior.national + x.reduce((s, v, i) => s + v * coefficients[i]!, 0));
      // Drawn on the log-odds scale, as the survey estimator draws its own, so it stays inside 0–100.
      const half = (Z95 * Math.sqrt(baseVariance + noiseVariance * noiseOf(odsCode, group))) / ppPerLogit(score);
      return { score, lower: expitPp(logitPp(score) - half), upper: expitPp(logitPp(score) + half) };
    },
  };
}
