import type { ThemeId } from '../../domain/model.js';
import type { ImportedCpesScore } from '../../storage/import-types.js';
import type { SurveyThemeScore } from './survey-gap.js';

/**
 * A trust's survey score per theme from imported CPES rows: the respondent-weighted mean of its
 * crosswalked questions' percentage positive (as 0–1), for All Cancers in the latest year imported.
 * England's rows (no ODS code) and other tumour groups are left out.
 */
export function cpesThemeScores(rows: readonly ImportedCpesScore[]): SurveyThemeScore[] {
  const trustRows = rows.filter((row) => row.odsCode !== null && row.tumourGroup === 'all');
  if (trustRows.length === 0) return [];
  const year = Math.max(...trustRows.map((row) => row.year));
  const sums = new Map<
    string,
    { odsCode: string; theme: ThemeId; weighted: number; respondents: number; count: number }
  >();
  for (const row of trustRows) {
    if (row.year !== year || row.respondents <= 0) continue;
    for (const theme of row.themes) {
      const key = `${row.odsCode}\u0000${theme}`;
      const sum = sums.get(key) ?? { odsCode: row.odsCode!, theme, weighted: 0, respondents: 0, count: 0 };
      sum.weighted += row.respondents * (row.score / 100);
      sum.respondents += row.respondents;
      sum.count += 1;
      sums.set(key, sum);
    }
  }
  return [...sums.values()].map((s) => ({
    odsCode: s.odsCode,
    theme: s.theme,
    score: s.weighted / s.respondents,
    // Respondents per question: the same people answer each, so the mean, not the sum.
    respondents: s.respondents / s.count,
  }));
}
