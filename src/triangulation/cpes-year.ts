/** Imported CPES rows → the estimator's table for one survey year, and which themes each question measures. */
import type { ThemeId } from '../domain/model.js';
import type { CpesScore } from '../domain/triangulation/cpes-score.js';
import type { ImportedCpesScore } from '../storage/import-types.js';

export interface CpesYear {
  year: number;
  scores: CpesScore[];
  /** Question → themes, as the theme crosswalk tagged the rows at import. */
  questionThemes: Map<number, ThemeId[]>;
}

/** The newest year in `rows`, or `year` when given; undefined when there is nothing for it. */
export function selectCpesYear(rows: readonly ImportedCpesScore[], year?: number): number | undefined {
  if (year !== undefined) return rows.some((r) => r.year === year) ? year : undefined;
  let newest: number | undefined;
  for (const r of rows) if (newest === undefined || r.year > newest) newest = r.year;
  return newest;
}

/**
 * One year's CPES rows as estimator cells. A cell resting on fewer than `minRespondents` is dropped, so
 * it is treated as suppressed: it is never shown as observed, and the estimator guards its residual.
 */
export function cpesYear(rows: readonly ImportedCpesScore[], year: number, minRespondents: number): CpesYear {
  const scores: CpesScore[] = [];
  const questionThemes = new Map<number, ThemeId[]>();
  for (const r of rows) {
    if (r.year !== year || r.respondents < minRespondents) continue;
    scores.push({
      odsCode: r.odsCode,
      tumourGroup: r.tumourGroup,
      question: r.question,
      respondents: r.respondents,
      score: r.score,
      ...(r.ciLower !== null && { ciLower: r.ciLower }),
      ...(r.ciUpper !== null && { ciUpper: r.ciUpper }),
    });
    if (r.odsCode === null && !questionThemes.has(r.question)) questionThemes.set(r.question, r.themes);
  }
  return { year, scores, questionThemes };
}
