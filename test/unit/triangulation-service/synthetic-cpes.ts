/**
 * A small synthetic CPES year (no real survey figures): England and a few trusts, four tumour groups,
 * six questions over three themes. Cells under 21 respondents are withheld as CPES does; All Cancers and
 * England include them, so the suppressed cells leave a residual.
 */
import type { ThemeId, TumourGroupId } from '../../../src/domain/model.js';
import type { ImportedCpesScore } from '../../../src/storage/import-types.js';
import type { AggregateRow } from '../../../src/storage/store.js';

export const SYNTHETIC_YEAR = 2030;
export const QUESTIONS = [1, 2, 3, 4, 5, 6];
export const QUESTION_THEMES: Record<number, ThemeId[]> = {
  1: ['waiting_times'],
  2: ['waiting_times'],
  3: ['cns_access'],
  4: ['cns_access'],
  5: ['emotional_support', 'information_communication'],
  6: ['emotional_support'],
};
export const GROUPS: TumourGroupId[] = ['breast', 'lung', 'sarcoma', 'skin'];
const GROUP_OFFSET: Record<string, number> = { breast: 0.3, lung: -0.1, sarcoma: -0.3, skin: 0.1 };
export const TRUSTS = ['RA1', 'RA2', 'RA3', 'RA4', 'RA5', 'RA6', 'RA7', 'RA8', 'RA9', 'RB1', 'RB2', 'RB3'];

/** Respondents of a trust × group: sarcoma always under the threshold, skin at half the trusts. */
export function respondentsOf(trustIndex: number, group: TumourGroupId): number {
  if (group === 'breast') return 90 + 10 * trustIndex;
  if (group === 'lung') return 40 + 5 * trustIndex;
  if (group === 'sarcoma') return 9;
  return trustIndex % 2 === 0 ? 30 : 14;
}

const expit = (x: number) => 100 / (1 + Math.exp(-x));

/**
 * A trust × group's own effect (log-odds), shared by its questions: what neither the group's national
 * level nor the trust's All Cancers can tell. Up to ±`size`; none unless a test asks for it.
 */
const groupEffect = (trustIndex: number, group: TumourGroupId, size: number) =>
  Math.cos(trustIndex * 5 + group.length * 2) * size;

/**
 * True score of a trust × group × question: group and question levels, the trust's effect, the trust ×
 * group's own effect (`groupEffectSize`, default none), a fixed wobble.
 */
export function trueScore(trustIndex: number, group: TumourGroupId, question: number, groupEffectSize = 0): number {
  const trustEffect = ((trustIndex % 5) - 2) * 0.15;
  const wobble = Math.sin(trustIndex * 7 + question * 3 + group.length) * 0.08;
  const own = groupEffect(trustIndex, group, groupEffectSize);
  return expit(1 + GROUP_OFFSET[group]! + question * 0.05 + trustEffect + own + wobble);
}

const row = (
  odsCode: string | null,
  tumourGroup: TumourGroupId | 'all',
  question: number,
  respondents: number,
  score: number,
): ImportedCpesScore => ({
  survey: 'cpes',
  year: SYNTHETIC_YEAR,
  odsCode,
  tumourGroup,
  question,
  respondents,
  score: Math.round(score),
  ciLower: null,
  ciUpper: null,
  themes: QUESTION_THEMES[question] ?? [],
});

export function syntheticCpes(trusts: readonly string[] = TRUSTS, groupEffectSize = 0): ImportedCpesScore[] {
  const rows: ImportedCpesScore[] = [];
  for (const q of QUESTIONS) {
    const england = new Map<TumourGroupId, { n: number; sum: number }>();
    trusts.forEach((ods, t) => {
      let n = 0;
      let sum = 0;
      for (const g of GROUPS) {
        const size = respondentsOf(t, g);
        const score = trueScore(t, g, q, groupEffectSize);
        n += size;
        sum += size * score;
        const e = england.get(g) ?? { n: 0, sum: 0 };
        england.set(g, { n: e.n + size, sum: e.sum + size * score });
        if (size >= 21) rows.push(row(ods, g, q, size, score));
      }
      rows.push(row(ods, 'all', q, n, sum / n));
    });
    let n = 0;
    let sum = 0;
    for (const [g, e] of england) {
      rows.push(row(null, g, q, e.n, e.sum / e.n));
      n += e.n;
      sum += e.sum;
    }
    rows.push(row(null, 'all', q, n, sum / n));
  }
  return rows;
}

/**
 * Comment aggregates for `groups` at every trust whose positive share follows each trust × group's own
 * effect (see `trueScore`), which the survey's group and trust levels cannot tell.
 */
export function syntheticCommentAggregates(
  groups: readonly TumourGroupId[],
  groupEffectSize = 0,
  n = 200,
): AggregateRow[] {
  const rows: AggregateRow[] = [];
  TRUSTS.forEach((odsCode, t) => {
    for (const tumourGroup of groups) {
      const share = Math.min(0.95, Math.max(0.05, 0.7 + groupEffect(t, tumourGroup, groupEffectSize) / 2));
      const positive = Math.round(share * n);
      rows.push({
        odsCode,
        theme: 'all',
        tumourGroup,
        period: '2030-01',
        n,
        positive,
        neutral: 0,
        negative: n - positive,
        meanScore: 0,
        positiveShare: positive / n,
        positiveShareLower: 0,
        positiveShareUpper: 1,
        computedAt: '2030-02-01T00:00:00.000Z',
      });
    }
  });
  return rows;
}
