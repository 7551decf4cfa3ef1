import { type QuestionKind, SENTIMENT_LABELS, type SentimentLabel, type SentimentScore } from '../model.js';
import { classifyQuestion } from '../text/question-kind.js';
import { extractFeatures } from './features.js';
import { analyseLexiconForKind } from './lexicon-scorer.js';
import type { RatingThresholds, SentimentModel } from './sentiment-model.js';
import { predictInto } from './softmax-regression.js';

/** A comment's (or clause's) sentiment with the model's class probabilities and a 1–5 rating. */
export interface SentimentResult extends SentimentScore {
  /** 5 very good … 1 very poor (the reverse of FFT's own 1 = very good). */
  rating: 1 | 2 | 3 | 4 | 5;
  probabilities: Record<SentimentLabel, number>;
}

/** Rating from class probabilities: the label decides the side, its confidence decides 4 vs 5 (2 vs 1). */
export function ratingFrom(label: SentimentLabel, probabilities: Record<SentimentLabel, number>, t: RatingThresholds) {
  if (label === 'positive') return probabilities.positive >= t.veryPositive ? 5 : 4;
  if (label === 'negative') return probabilities.negative >= t.veryNegative ? 1 : 2;
  return 3;
}

export class SentimentScorer {
  private readonly probabilities = new Float64Array(3);
  private lastQuestion: string | undefined;
  private lastKind: QuestionKind = 'unknown';

  constructor(readonly model: SentimentModel) {}

  /** Scores a whole comment; `question` is the FFT prompt it answered, when known. */
  score(text: string, question?: string): SentimentResult {
    return this.scoreForKind(text, this.kindOf(question));
  }

  /** Scores each sentence or clause on its own ("surgeon brilliant" / "ward appalling"). */
  scoreSentences(sentences: readonly string[], question?: string): SentimentResult[] {
    const kind = this.kindOf(question);
    return sentences.map((sentence) => this.scoreForKind(sentence, kind));
  }

  private kindOf(question: string | undefined): QuestionKind {
    // Batches usually share one prompt: skip re-classifying it.
    if (question !== this.lastQuestion) {
      this.lastQuestion = question;
      this.lastKind = classifyQuestion(question);
    }
    return this.lastKind;
  }

  private scoreForKind(text: string, kind: QuestionKind): SentimentResult {
    const features = extractFeatures(analyseLexiconForKind(text, kind), this.model.features);
    const p = this.probabilities;
    predictInto(this.model.softmax, features, p);
    let best = 0;
    for (let c = 1; c < 3; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    const label = SENTIMENT_LABELS[best] as SentimentLabel;
    const probabilities = { negative: p[0] as number, neutral: p[1] as number, positive: p[2] as number };
    return {
      label,
      score: probabilities.positive - probabilities.negative,
      rating: ratingFrom(label, probabilities, this.model.rating),
      probabilities,
    };
  }
}
