import type { Provider } from '../model.js';
import { compilePhrases, type PhraseEntry, type PhraseHit, tokenise } from '../themes/phrase-matcher.js';
import type { Trust, TrustAlias, TrustSite } from './trust.js';
import { nameTokens, normaliseTokens, titleCaseTrustName, trustNamePhrases } from './trust-name.js';

/**
 * Links a comment to the NHS trust it is about, from legal names, hand-kept aliases and hospital sites.
 * It never guesses: two different trusts named in one comment, or a name shared by two trusts'
 * hospitals ("Queen Elizabeth Hospital"), give null.
 */

export interface TrustLinkerOptions {
  trusts: readonly Trust[];
  aliases?: readonly TrustAlias[];
  sites?: readonly TrustSite[];
  /**
   * Only link trusts in England (those with an NHS England region). CareVoice triangulates with CPES,
   * FFT and KO41a, which are English collections; Welsh trusts in etr.csv (Velindre) give null.
   * @defaultValue true
   */
  englandOnly?: boolean;
}

export interface LinkContext {
  /** ISO-8601 instant the comment was posted; closed trusts count only before their close date. */
  postedAt?: string | undefined;
  /** ODS code given by the source; it wins when it names a known trust. */
  odsCode?: string | undefined;
}

export interface TrustLinker {
  link(text: string, context?: LinkContext): Provider | null;
}

/** Where a phrase came from; a legal name outranks an alias, an alias outranks a site. */
const Rank = { LegalName: 0, Alias: 1, Site: 2 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface Candidate {
  odsCode: string;
  rank: Rank;
}

function isActive(trust: Trust, day: string | null): boolean {
  // Without a posting date only open trusts count: a closed trust is history, not a guess.
  if (day === null) return trust.closeDate === null;
  if (day < trust.openDate) return false;
  return trust.closeDate === null || day <= trust.closeDate;
}

function isoDay(postedAt: string | undefined): string | null {
  if (postedAt === undefined) return null;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(postedAt);
  return match ? match[0] : null;
}

/** Keeps the leftmost-longest hits that do not overlap: "Royal Marsden" beats "Marsden" inside it. */
function selectSpans<T>(hits: PhraseHit<T>[]): PhraseHit<T>[][] {
  const spans: PhraseHit<T>[][] = [];
  let coveredTo = 0;
  for (let i = 0; i < hits.length; ) {
    const first = hits[i]!;
    const group: PhraseHit<T>[] = [];
    let j = i;
    while (j < hits.length && hits[j]!.start === first.start) {
      if (hits[j]!.end === first.end) group.push(hits[j]!);
      j++;
    }
    if (first.start >= coveredTo) {
      spans.push(group);
      coveredTo = first.end;
    }
    i = j;
  }
  return spans;
}

export function createTrustLinker(options: TrustLinkerOptions): TrustLinker {
  const englandOnly = options.englandOnly ?? true;
  const byCode = new Map<string, Trust>();
  for (const trust of options.trusts) byCode.set(trust.odsCode, trust);
  const inScope = (trust: Trust) => !englandOnly || (trust.gorCode !== 'W' && trust.nationalGrouping !== '');

  const entries: PhraseEntry<Candidate>[] = [];
  for (const trust of options.trusts) {
    for (const phrase of trustNamePhrases(trust.name)) {
      entries.push({ phrase, value: { odsCode: trust.odsCode, rank: Rank.LegalName } });
    }
  }
  for (const alias of options.aliases ?? []) {
    const value = { odsCode: alias.odsCode, rank: Rank.Alias };
    const written = tokenise(alias.alias).raw;
    // A one-word alias is a proper noun ("Guys", "Barts"): only its capitalised form names the trust.
    if (written.length === 1) entries.push({ phrase: written[0]!, value, caseSensitive: true });
    else entries.push({ phrase: nameTokens(alias.alias).join(' '), value });
  }
  for (const site of options.sites ?? []) {
    if (site.closeDate) continue;
    entries.push({ phrase: nameTokens(site.name).join(' '), value: { odsCode: site.odsCode, rank: Rank.Site } });
  }
  const matcher = compilePhrases(entries.filter((e) => e.phrase !== ''));

  const provider = (trust: Trust): Provider => ({ odsCode: trust.odsCode, name: titleCaseTrustName(trust.name) });

  /** The trusts one span names at its best rank: none, one, or several (ambiguous). */
  function resolveSpan(group: PhraseHit<Candidate>[], day: string | null): Set<string> {
    for (const rank of [Rank.LegalName, Rank.Alias, Rank.Site]) {
      const codes = new Set<string>();
      for (const hit of group) {
        if (hit.value.rank !== rank) continue;
        const trust = byCode.get(hit.value.odsCode);
        if (trust && isActive(trust, day)) codes.add(trust.odsCode);
      }
      if (codes.size > 0) return codes;
    }
    return new Set();
  }

  return {
    link(text, context = {}) {
      const given = context.odsCode?.trim().toUpperCase();
      const givenTrust = given ? byCode.get(given) : undefined;
      if (givenTrust) return provider(givenTrust);

      const tokens = tokenise(text);
      const hits = matcher.match({ lower: normaliseTokens(tokens.lower), raw: tokens.raw });
      if (hits.length === 0) return null;
      const day = isoDay(context.postedAt);
      const found = new Set<string>();
      for (const group of selectSpans(hits)) for (const code of resolveSpan(group, day)) found.add(code);
      if (found.size !== 1) return null;
      const trust = byCode.get([...found][0]!)!;
      return inScope(trust) ? provider(trust) : null;
    },
  };
}
