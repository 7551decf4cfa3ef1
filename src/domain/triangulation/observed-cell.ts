import type { TumourGroupId } from '../model.js';
import { Z95 } from './logit.js';
import type { TriangulatedScore } from './triangulated-score.js';

/** A 95% Wilson score interval (pp): well behaved for small respondent numbers and scores near 0 or 100. */
export function wilsonInterval(scorePp: number, respondents: number): { lower: number; upper: number } {
  const n = Math.max(1, respondents);
  const p = Math.min(1, Math.max(0, scorePp / 100));
  const k = (Z95 * Z95) / n;
  const centre = (p + k / 2) / (1 + k);
  const half = (Z95 / (1 + k)) * Math.sqrt((p * (1 - p)) / n + k / (4 * n));
  return { lower: 100 * Math.max(0, centre - half), upper: 100 * Math.min(1, centre + half) };
}

/** A published cell as a triangulated score: its own value, with the interval its respondents allow. */
export function observedScore(
  odsCode: string,
  tumourGroup: TumourGroupId,
  cell: { question: number; score: number; respondents: number },
): TriangulatedScore {
  return {
    odsCode,
    tumourGroup,
    question: cell.question,
    kind: 'observed',
    score: cell.score,
    ...wilsonInterval(cell.score, cell.respondents),
    inputs: [{ kind: 'published_cell', score: cell.score, respondents: cell.respondents }],
  };
}
