/**
 * Question scores of one trust × tumour group → one figure per theme and an overall one. A theme's
 * figure is the mean percentage positive of its questions; its interval is the mean of their bounds,
 * which assumes their errors move together: conservative, as estimated questions share a group effect.
 */
import type { ThemeId } from '../domain/model.js';
import type { TriangulatedScore } from '../domain/triangulation/triangulated-score.js';
import {
  TRIANGULATION_SOURCES,
  type TriangulatedCell,
  type TriangulationSource,
} from '../storage/triangulation-types.js';

export interface RollUpContext {
  odsCode: string;
  trustName: string;
  year: number;
  questionThemes: ReadonlyMap<number, readonly ThemeId[]>;
}

/** The survey, then every outside source whose signal entered one of the figure's questions. */
function sourcesOf(scores: readonly TriangulatedScore[]): TriangulationSource[] {
  const fed = new Set<string>(['cpes']);
  for (const s of scores) for (const i of s.inputs) if (i.kind === 'signal') fed.add(i.source);
  return TRIANGULATION_SOURCES.filter((source) => fed.has(source));
}

/** Fewest respondents among published questions; null as soon as one question was estimated. */
function respondentsOf(scores: readonly TriangulatedScore[]): number | null {
  let fewest = Number.POSITIVE_INFINITY;
  for (const s of scores) {
    const published = s.inputs.find((i) => i.kind === 'published_cell');
    if (s.kind !== 'observed' || !published) return null;
    fewest = Math.min(fewest, published.respondents);
  }
  return Number.isFinite(fewest) ? fewest : null;
}

function combine(
  context: RollUpContext,
  theme: ThemeId | 'all',
  scores: readonly TriangulatedScore[],
): TriangulatedCell {
  const mean = (pick: (s: TriangulatedScore) => number) => scores.reduce((a, s) => a + pick(s), 0) / scores.length;
  const respondents = respondentsOf(scores);
  return {
    odsCode: context.odsCode,
    trustName: context.trustName,
    tumourGroup: scores[0]!.tumourGroup,
    theme,
    estimate: mean((s) => s.score),
    lower: mean((s) => s.lower),
    upper: mean((s) => s.upper),
    observed: respondents !== null,
    respondents,
    sources: sourcesOf(scores),
    year: context.year,
  };
}

/** One cell per theme with at least one question among `scores`, then the overall (`all`) cell. */
export function rollUpQuestions(context: RollUpContext, scores: readonly TriangulatedScore[]): TriangulatedCell[] {
  if (scores.length === 0) return [];
  const byTheme = new Map<ThemeId, TriangulatedScore[]>();
  for (const s of scores) {
    for (const theme of context.questionThemes.get(s.question) ?? []) {
      const list = byTheme.get(theme) ?? [];
      list.push(s);
      byTheme.set(theme, list);
    }
  }
  const themes = [...byTheme.keys()].sort();
  return [...themes.map((t) => combine(context, t, byTheme.get(t)!)), combine(context, 'all', scores)];
}
