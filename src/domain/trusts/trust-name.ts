import { tokenise } from '../themes/phrase-matcher.js';

/** Turning ODS legal names into display names and into the phrases people write for them. */

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'upon', 'on', 'in', 'with']);
const UPPER_WORDS = new Set(['NHS', 'UK', 'HIV']);

function capitalise(word: string): string {
  if (UPPER_WORDS.has(word)) return word;
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "THE CHRISTIE NHS FOUNDATION TRUST" → "The Christie NHS Foundation Trust". */
export function titleCaseTrustName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word, i) =>
      word
        .split('-')
        .map((part, j) => {
          const bare = part.toLowerCase().replace(/[^a-z]/g, '');
          if ((i > 0 || j > 0) && SMALL_WORDS.has(bare)) return part.toLowerCase();
          return capitalise(part);
        })
        .join('-'),
    )
    .join(' ');
}

/** Words people write as spelling variants; applied to both lexicon and text tokens. */
export const TOKEN_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['saint', 'st'],
  ['hosp', 'hospital'],
]);

/** Words that never identify a trust on their own, however many of them are strung together. */
const GENERIC_WORDS = new Set([
  'the',
  'and',
  'of',
  'for',
  'upon',
  'nhs',
  'trust',
  'foundation',
  'hospital',
  'hospitals',
  'university',
  'teaching',
  'royal',
  'general',
  'district',
  'county',
  'city',
  'community',
  'health',
  'healthcare',
  'care',
  'services',
  'service',
  'partnership',
  'mental',
  'integrated',
  'social',
  'north',
  'south',
  'east',
  'west',
  'mid',
  'central',
  'national',
  'new',
  'st',
  'queen',
  'princess',
  'london',
  'online',
  'acute',
  'specialist',
  'childrens',
  'womens',
  'learning',
  'disability',
  'combined',
  'ambulance',
]);

const LEGAL_SUFFIXES = [
  ['nhs', 'foundation', 'trust'],
  ['nhs', 'trust'],
];

// The endings people add or drop when they write a trust's name.
const WRITTEN_SUFFIXES = [
  ['nhs', 'foundation', 'trust'],
  ['nhs', 'trust'],
  ['nhs', 'ft'],
  ['foundation', 'trust'],
  ['nhs'],
  ['hospital'],
  ['hospitals'],
];

export function normaliseTokens(tokens: string[]): string[] {
  return tokens.map((t) => TOKEN_SYNONYMS.get(t) ?? t);
}

/** The lower-case token sequence of a name, with synonyms applied. */
export function nameTokens(name: string): string[] {
  return normaliseTokens(tokenise(name).lower);
}

function endsWith(tokens: string[], suffix: string[]): boolean {
  if (tokens.length < suffix.length) return false;
  return suffix.every((t, i) => tokens[tokens.length - suffix.length + i] === t);
}

/** True when a phrase is specific enough to name one organisation without a suffix. */
export function isDistinctive(tokens: string[]): boolean {
  return tokens.length >= 2 && tokens.some((t) => !GENERIC_WORDS.has(t));
}

/**
 * Phrases (space-joined tokens) that name a trust: the legal name with or without "the", with its
 * "NHS (Foundation) Trust" ending swapped for the other written endings, and the bare core only when it
 * is distinctive ("royal marsden", not "medway" or "north london", which also name places).
 */
export function trustNamePhrases(legalName: string): string[] {
  let core = nameTokens(legalName);
  const suffix = LEGAL_SUFFIXES.find((s) => endsWith(core, s));
  if (suffix) core = core.slice(0, core.length - suffix.length);
  if (core[0] === 'the' && core.length > 1) core = core.slice(1);
  if (core.length === 0) return [];
  const phrases = new Set<string>();
  for (const ending of WRITTEN_SUFFIXES) {
    // "Barnsley Hospital NHS FT" already ends in "hospital": no "barnsley hospital hospital".
    if (ending.length === 1 && endsWith(core, ending)) continue;
    phrases.add([...core, ...ending].join(' '));
  }
  if (isDistinctive(core)) phrases.add(core.join(' '));
  return [...phrases];
}
