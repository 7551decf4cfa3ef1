import { COMMON_TUMOUR_GROUPS, TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import {
  compilePhrases,
  type PhraseHit,
  type PhraseMatcher,
  type TokenisedText,
  tokenise,
} from '../themes/phrase-matcher.js';
import {
  CANCER_CUES,
  CUE_NEGATION_WINDOW,
  CUE_NEGATIONS,
  CUE_WINDOW,
  NOT_PRIMARY_FOLLOWERS,
  NOT_TUMOUR_PHRASES,
  PRIMARY_CUES,
  RARE_SUBTYPES,
  SECONDARY_SITE_CUES,
  SHORT_CANCER_CUES,
  TUMOUR_TERMS,
  type TumourTerm,
} from './lexicon.js';

export interface TumourGroupTags {
  /** CPES tumour groups named, sorted in the order of TUMOUR_GROUPS, each once. */
  groups: TumourGroupId[];
  /** Finer names where the lexicon knows one (`neuroendocrine`, `mesothelioma`, `thyroid`…), sorted. */
  subtypes: string[];
  /** True when a rare or less common cancer is named: any group but the four common ones, or a rare subtype. */
  rareCancer: boolean;
}

type Value = TumourTerm | 'cancer_cue' | 'short_cue' | 'primary_cue' | 'secondary_cue' | 'not_tumour';

let compiled: PhraseMatcher<Value> | undefined;

function matcher(): PhraseMatcher<Value> {
  if (compiled) return compiled;
  const plain = (value: Value) => (phrase: string) => ({ phrase, value });
  compiled = compilePhrases<Value>([
    ...TUMOUR_TERMS.map((term) => ({ phrase: term.phrase, value: term, caseSensitive: term.caseSensitive === true })),
    ...CANCER_CUES.map(plain('cancer_cue')),
    ...SHORT_CANCER_CUES.map(plain('short_cue')),
    ...PRIMARY_CUES.map(plain('primary_cue')),
    ...SECONDARY_SITE_CUES.map(plain('secondary_cue')),
    ...NOT_TUMOUR_PHRASES.map(plain('not_tumour')),
  ]);
  return compiled;
}

const GROUP_ORDER = new Map(TUMOUR_GROUPS.map((g, i) => [g, i]));

function isShouted(raw: string | undefined): boolean {
  return raw !== undefined && raw.length > 1 && raw === raw.toUpperCase() && /[A-Z]/.test(raw);
}

/** "ALL" in "THANK YOU ALL" is a word in an all-caps run, not leukaemia. */
function inCapsRun(tokens: TokenisedText, start: number, end: number): boolean {
  return isShouted(tokens.raw[start - 1]) || isShouted(tokens.raw[end]);
}

function isNegatedCue(tokens: TokenisedText, at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - CUE_NEGATION_WINDOW; i--)
    if (CUE_NEGATIONS.has(tokens.lower[i]!)) return true;
  return false;
}

interface Cues {
  /** Token positions of cancer words (and "primary"), negated ones left out. */
  cancer: number[];
  /** Token positions of "ca", which counts only right beside an organ. */
  short: number[];
  secondary: number[];
  notTumour: { start: number; end: number }[];
}

function collectCues(tokens: TokenisedText, hits: PhraseHit<Value>[]): Cues {
  const cues: Cues = { cancer: [], short: [], secondary: [], notTumour: [] };
  for (const { value, start, end } of hits) {
    if (value === 'cancer_cue' && !isNegatedCue(tokens, start)) cues.cancer.push(start);
    else if (value === 'primary_cue' && !NOT_PRIMARY_FOLLOWERS.has(tokens.lower[end] ?? '')) cues.cancer.push(start);
    else if (value === 'short_cue') cues.short.push(start);
    else if (value === 'secondary_cue') cues.secondary.push(start);
    else if (value === 'not_tumour') cues.notTumour.push({ start, end });
  }
  return cues;
}

/** True when `outer` is another hit that spans `hit` and is longer. */
function isInsideLonger(hit: PhraseHit<TumourTerm>, outer: PhraseHit<TumourTerm>): boolean {
  return (
    outer !== hit && outer.start <= hit.start && hit.end <= outer.end && outer.end - outer.start > hit.end - hit.start
  );
}

/** Whether a term hit stands as a tumour group, its cue and context considered. */
function counts(
  hit: PhraseHit<TumourTerm>,
  tokens: TokenisedText,
  cues: Cues,
  terms: PhraseHit<TumourTerm>[],
): boolean {
  const { value: term, start, end } = hit;
  if (term.commonWord && inCapsRun(tokens, start, end)) return false;
  if (cues.notTumour.some((n) => n.start < end && start < n.end)) return false;
  // "uveal melanoma" (other) holds "melanoma" (skin): the longer name decides.
  if (terms.some((o) => isInsideLonger(hit, o) && o.value.group !== term.group)) return false;
  if (term.cue === 'anywhere') return cues.cancer.length > 0;
  if (term.cue === 'near') {
    const near = cues.cancer.some((at) => at >= start - CUE_WINDOW && at < end + CUE_WINDOW);
    const beside = cues.short.some((at) => at === end || at === start - 1);
    if (!near && !beside) return false;
    if (cues.secondary.some((at) => at >= start - 3 && at < start)) return false;
  }
  return true;
}

/**
 * Tags the CPES tumour groups a comment names. Words for places in cancer care ("cancer centre",
 * "Macmillan", "oncology", "chemo") name no group; organ words count only beside a cancer word; care
 * settings ("teenage cancer unit") count only when no cancer is named.
 */
export function tagTumourGroups(text: string): TumourGroupTags {
  const tokens = tokenise(text);
  const hits = matcher().match(tokens);
  const cues = collectCues(tokens, hits);
  const terms = hits.filter((h): h is PhraseHit<TumourTerm> => typeof h.value !== 'string');
  const standing = terms.filter((hit) => counts(hit, tokens, cues, terms));
  const specific = standing.filter((hit) => !hit.value.fallback);
  const chosen = specific.length > 0 ? specific : standing;
  const groups = new Set<TumourGroupId>();
  const subtypes = new Set<string>();
  for (const { value: term } of chosen) {
    groups.add(term.group);
    if (term.subtype) subtypes.add(term.subtype);
  }
  const sorted = [...groups].sort((a, b) => GROUP_ORDER.get(a)! - GROUP_ORDER.get(b)!);
  const rareCancer =
    sorted.some((g) => !COMMON_TUMOUR_GROUPS.includes(g)) || [...subtypes].some((s) => RARE_SUBTYPES.has(s));
  return { groups: sorted, subtypes: [...subtypes].sort(), rareCancer };
}
