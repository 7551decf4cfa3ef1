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
  // "Great Western" is a railway as often as a hospital.
  'great',
  'western',
]);

/** Words that make a stripped name an institution ("Kettering General", "Chesterfield Royal"), not a place. */
const INSTITUTION_WORDS = new Set(['royal', 'general', 'district', 'county', 'city', 'queen', 'princess', 'st']);
/** Words people leave out of a trust's name: "United Lincolnshire Hospitals Trust". */
const DROPPABLE_WORDS = new Set(['teaching', 'university']);
/** Trailing words a bare name may lose: "James Paget (University Hospitals)", "Musgrove Park (Hospital)". */
const TRAILING_WORDS = new Set(['hospital', 'hospitals', 'university', 'teaching']);

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
  ['trust'],
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
 * The name with its generic tail dropped ("james paget university hospitals" → "james paget"), or null
 * when what is left could be a place: it must keep two non-generic words, or one beside an institution
 * word ("kettering general"), so "east kent" or "milton keynes" alone never name a trust.
 */
export function strippedName(tokens: string[]): string[] | null {
  let end = tokens.length;
  while (end > 0 && TRAILING_WORDS.has(tokens[end - 1]!)) end--;
  if (end === tokens.length || end === 0) return null;
  const kept = tokens.slice(0, end);
  const specific = kept.filter((t) => !GENERIC_WORDS.has(t)).length;
  const institution = kept.some((t) => INSTITUTION_WORDS.has(t));
  return specific >= 2 || (specific === 1 && institution) ? kept : null;
}

/** The name with every combination of its droppable words left out, the full name first. */
function droppedVariants(core: string[]): string[][] {
  let variants = [core];
  for (const word of DROPPABLE_WORDS) {
    if (!core.includes(word)) continue;
    variants = variants.flatMap((v) => [v, v.filter((t) => t !== word)]);
  }
  return variants.filter((v) => v.length > 0);
}

/**
 * Phrases (space-joined tokens) that name a trust: the legal name with or without "the", with or
 * without "Teaching"/"University", with its "NHS (Foundation) Trust" ending swapped for the other written
 * endings, and the bare core only when it is distinctive ("royal marsden", not "medway" or "north
 * london", which also name places).
 */
export function trustNamePhrases(legalName: string): string[] {
  let core = nameTokens(legalName);
  const suffix = LEGAL_SUFFIXES.find((s) => endsWith(core, s));
  if (suffix) core = core.slice(0, core.length - suffix.length);
  if (core[0] === 'the' && core.length > 1) core = core.slice(1);
  if (core.length === 0) return [];
  const phrases = new Set<string>();
  for (const variant of droppedVariants(core)) {
    for (const ending of WRITTEN_SUFFIXES) {
      // "Barnsley Hospital NHS FT" already ends in "hospital": no "barnsley hospital hospital".
      if (ending.length === 1 && endsWith(variant, ending)) continue;
      phrases.add([...variant, ...ending].join(' '));
    }
  }
  if (isDistinctive(core)) phrases.add(core.join(' '));
  const stripped = strippedName(core);
  if (stripped) phrases.add(stripped.join(' '));
  return [...phrases];
}
