import type { QuestionKind } from '../model.js';
import { textKey } from '../text/normalise.js';

/**
 * Whole-comment answers whose meaning depends on the FFT prompt: "Nothing" to "What could we do better?"
 * is praise, to "What was good?" a complaint; "Everything" the reverse.
 */
export type BareAnswer = 'nothing' | 'everything' | 'unsure';

const NOTHING = [
  'nothing',
  'nothing at all',
  'nothing really',
  'absolutely nothing',
  'not a thing',
  'nothing whatsoever',
  'none',
  'no',
  'nope',
  'nil',
  'n a',
  'na',
  'no nothing',
  'not really',
  'nothing else',
  'nothing to add',
  'not much',
  'not a lot',
  'no comment',
  'no comments',
  'nothing to say',
];
const EVERYTHING = [
  'everything',
  'all of it',
  'all',
  'the lot',
  'all of the above',
  'everything really',
  'everything everything',
  'absolutely everything',
  'everything was',
  'everything about it',
];
const UNSURE = [
  "don't know",
  'dont know',
  'do not know',
  'not sure',
  'unsure',
  'no idea',
  'dunno',
  'don t know',
  'because',
  'yes',
];

const BARE: ReadonlyMap<string, BareAnswer> = new Map([
  ...NOTHING.map((k) => [k, 'nothing'] as const),
  ...EVERYTHING.map((k) => [k, 'everything'] as const),
  ...UNSURE.map((k) => [textKey(k), 'unsure'] as const),
]);

/** The bare answer a comment is, if it is one. */
export function bareAnswer(text: string): BareAnswer | undefined {
  if (text.length > 40) return undefined;
  return BARE.get(textKey(text));
}

/** Valence of a bare answer under each prompt kind (−4…4), from how FFT labellers read them. */
export function bareAnswerValence(answer: BareAnswer, question: QuestionKind): number {
  if (answer === 'unsure') return 0;
  const nothing = answer === 'nothing';
  switch (question) {
    case 'what_could_be_better':
      return nothing ? 3 : -3;
    case 'what_was_good':
      return nothing ? -3 : 3;
    // "FFT Why?" answers of "Nothing" mostly mean "nothing to improve"; "Everything" means it was all good.
    case 'why':
      return 2;
    case 'unknown':
      return nothing ? 0 : 2;
  }
}
