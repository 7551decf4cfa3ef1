import type { QuestionKind } from '../model.js';
import { normaliseText } from './normalise.js';

/**
 * The kind of FFT prompt a comment answered. The same words mean opposite things under different prompts:
 * "Nothing" to "What was good?" is a complaint, to "What could we do better?" it is praise.
 */
export function classifyQuestion(question?: string): QuestionKind {
  if (question === undefined) return 'unknown';
  const q = normaliseText(question);
  if (q === '') return 'unknown';
  if (/\bwhat (was|went) (good|well)\b|\bwhat did we do well\b|\bwhat was (done )?well\b/.test(q))
    return 'what_was_good';
  if (
    /\b(how|what) (could|can|should) we (improve|do better|have done better)\b|\bwhat could (be|have been) (improved|better)\b/.test(
      q,
    )
  ) {
    return 'what_could_be_better';
  }
  // FFT's own follow-up ("FFT Why?", "Why did you give this rating?") and NEAS 111's open question invite both.
  if (/^(fft )?why\b|\bwhy did you (give|answer)\b|\bparticularly satisfied and\/or dissatisfied\b/.test(q))
    return 'why';
  return 'unknown';
}
