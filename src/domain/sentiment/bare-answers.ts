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

/** Every bare answer by its `textKey`. */
export const BARE: ReadonlyMap<string, BareAnswer> = new Map([
  ...NOTHING.map((k) => [k, 'nothing'] as const),
  ...EVERYTHING.map((k) => [k, 'everything'] as const),
  ...UNSURE.map((k) => [textKey(k), 'unsure'] as const),
]);

/** Char codes the keys above start with. */
const FIRST_CHARACTERS: ReadonlySet<number> = new Set([...BARE.keys()].map((key) => key.charCodeAt(0)));

/**
 * False when `textKey(text)` cannot be a key above, read from the text's first letter or digit: an
 * ASCII one is the key's first character, lower-cased. Most sentences are ruled out without building a
 * key. A non-ASCII character first (which lower-casing or the typography rules might change) decides
 * nothing.
 */
function mayBeBare(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return true;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return FIRST_CHARACTERS.has(c);
    if (c >= 0x41 && c <= 0x5a) return FIRST_CHARACTERS.has(c + 0x20);
  }
  return true;
}

/** The bare answer a comment is, if it is one. */
export function bareAnswer(text: string): BareAnswer | undefined {
  if (text.length > 40 || !mayBeBare(text)) return undefined;
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
