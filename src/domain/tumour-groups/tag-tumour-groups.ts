import { COMMON_TUMOUR_GROUPS, TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import { compilePhrases, type PhraseMatcher, type TokenisedText, tokenise } from '../themes/phrase-matcher.js';
import {
  CANCER_CUES,
  CUE_WINDOW,
  RARE_SUBTYPES,
  SECONDARY_SITE_CUES,
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

type Value = TumourTerm | 'cancer_cue' | 'secondary_cue';

let compiled: PhraseMatcher<Value> | undefined;

function matcher(): PhraseMatcher<Value> {
  compiled ??= compilePhrases<Value>([
    ...TUMOUR_TERMS.map((term) => ({ phrase: term.phrase, value: term, caseSensitive: term.caseSensitive === true })),
    ...CANCER_CUES.map((phrase) => ({ phrase, value: 'cancer_cue' as const })),
    ...SECONDARY_SITE_CUES.map((phrase) => ({ phrase, value: 'secondary_cue' as const })),
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

/**
 * Tags the CPES tumour groups a comment names. Words for places in cancer care ("cancer centre",
 * "Macmillan", "oncology", "chemo") name no group; organ words count only beside a cancer word.
 */
export function tagTumourGroups(text: string): TumourGroupTags {
  const tokens = tokenise(text);
  const hits = matcher().match(tokens);
  const cancerCues: number[] = [];
  const secondaryCues: number[] = [];
  for (const hit of hits) {
    if (hit.value === 'cancer_cue') cancerCues.push(hit.start);
    else if (hit.value === 'secondary_cue') secondaryCues.push(hit.start);
  }
  const groups = new Set<TumourGroupId>();
  const subtypes = new Set<string>();
  for (const { value: term, start, end } of hits) {
    if (typeof term === 'string') continue;
    if (term.commonWord && inCapsRun(tokens, start, end)) continue;
    if (term.cue === 'anywhere' && cancerCues.length === 0) continue;
    if (term.cue === 'near') {
      if (!cancerCues.some((at) => at >= start - CUE_WINDOW && at < end + CUE_WINDOW)) continue;
      if (secondaryCues.some((at) => at >= start - 3 && at < start)) continue;
    }
    groups.add(term.group);
    if (term.subtype) subtypes.add(term.subtype);
  }
  const sorted = [...groups].sort((a, b) => GROUP_ORDER.get(a)! - GROUP_ORDER.get(b)!);
  const rareCancer =
    sorted.some((g) => !COMMON_TUMOUR_GROUPS.includes(g)) || [...subtypes].some((s) => RARE_SUBTYPES.has(s));
  return { groups: sorted, subtypes: [...subtypes].sort(), rareCancer };
}
