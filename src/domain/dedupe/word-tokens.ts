/**
 * What SimHash counts as a word: a run of letters and digits, with apostrophes (' or ’) inside it
 * (didn't, patient’s), after NFC and lower-casing. Punctuation and spacing never change a SimHash.
 */

export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-cased word tokens; punctuation and spacing do not change a SimHash. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}
