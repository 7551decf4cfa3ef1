import type { Analyser, AnalysisInput, CommentAnalysis, SentimentLabel, ThemeSentiment } from '../model.js';
import { detectSafety } from '../safety/detect-safety.js';
import type { SentimentResult, SentimentScorer } from '../sentiment/index.js';
import { forgetRecentResults } from '../text/recent-results.js';
import { splitSentences } from '../text/split-sentences.js';
import { detectThemes } from '../themes/detect-themes.js';
import type { TrustLinker } from '../trusts/trust-linker.js';
import { tagTumourGroups } from '../tumour-groups/tag-tumour-groups.js';

export interface AnalyserParts {
  linker: TrustLinker;
  scorer: SentimentScorer;
}

/**
 * The per-comment intelligence shared by the `process` stage and `carevoice analyse`: one pass over
 * already-redacted text giving trust, tumour groups, themes with their own sentiment, safety flags,
 * overall sentiment and a 1–5 rating.
 */
export function createAnalyser({ linker, scorer }: AnalyserParts): Analyser {
  return (input: AnalysisInput): CommentAnalysis => {
    forgetRecentResults();
    const overall = scorer.score(input.text, input.question);
    const sentences = splitSentences(input.text);
    const mentions = detectThemes(sentences, input.text);
    const tumour = tagTumourGroups(input.text);
    return {
      sentiment: { label: overall.label, score: overall.score },
      rating: overall.rating,
      themes: themeSentiments(mentions, sentences, overall, scorer, input.question),
      tumourGroups: tumour.groups,
      rareCancer: tumour.rareCancer,
      provider: linker.link(input.text, { postedAt: input.postedAt, odsCode: input.odsCode }),
      safety: detectSafety(input.text).map(({ kind }) => ({ kind })),
    };
  };
}

/**
 * Aspect sentiment: a theme takes the sentiment of the sentences that mention it ("surgeon
 * brilliant" / "ward appalling"). When every theme sits in every sentence the whole-comment score is
 * used, since it also weighs the FFT question the comment answered.
 */
function themeSentiments(
  mentions: ReturnType<typeof detectThemes>,
  sentences: readonly string[],
  overall: SentimentResult,
  scorer: SentimentScorer,
  question: string | undefined,
): ThemeSentiment[] {
  if (mentions.length === 0) return [];
  if (sentences.length <= 1 || mentions.every((m) => m.sentences.length === sentences.length)) {
    return mentions.map((m) => ({ id: m.id, sentiment: overall.label }));
  }
  // Each sentence is scored once however many themes it carries.
  const perSentence: (SentimentResult | undefined)[] = new Array(sentences.length);
  return mentions.map((mention) => ({
    id: mention.id,
    sentiment: pooledLabel(
      mention.sentences.map(
        (index) => (perSentence[index] ??= scorer.scoreSentences([sentences[index] ?? ''], question)[0]!),
      ),
    ),
  }));
}

/** The label with the largest summed probability over a theme's sentences. */
function pooledLabel(results: SentimentResult[]): SentimentLabel {
  let negative = 0;
  let neutral = 0;
  let positive = 0;
  for (const r of results) {
    negative += r.probabilities.negative;
    neutral += r.probabilities.neutral;
    positive += r.probabilities.positive;
  }
  if (positive >= negative && positive >= neutral) return 'positive';
  return negative >= neutral ? 'negative' : 'neutral';
}
