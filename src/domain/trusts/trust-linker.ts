import type { Provider } from '../model.js';
import { compilePhrases, type PhraseEntry, type PhraseHit, tokenise } from '../themes/phrase-matcher.js';
import type { Trust, TrustAlias, TrustSite, TrustSuccessor } from './trust.js';
import { nameTokens, normaliseTokens, strippedName, titleCaseTrustName, trustNamePhrases } from './trust-name.js';
import { TRUST_SUCCESSORS } from './trust-successors.js';

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
   * Closed trusts and the one trust each passed to; a closed trust named after its close date (or with
   * no date) links to its successor. @defaultValue TRUST_SUCCESSORS (trust-successors.ts)
   */
  successors?: readonly TrustSuccessor[];
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

/**
 * Where a phrase came from; a legal name outranks an alias, an alias outranks a site. A place (a site's
 * town) never links on its own: it only picks one trust out of a name several trusts share.
 */
const Rank = { LegalName: 0, Alias: 1, Site: 2, Place: 3 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];
const NAMING_RANKS: readonly Rank[] = [Rank.LegalName, Rank.Alias, Rank.Site];

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

/** Towns that are also everyday words ("reading the letter"): they count only when capitalised. */
const WORD_TOWNS = new Set(['reading', 'bath', 'barking', 'bury', 'slough', 'street', 'wells', 'sale', 'deal']);

/** A name as phrase-matcher entries: one word is a proper noun matched as written ("Guys", "QE"). */
function namedEntries(name: string, value: Candidate): PhraseEntry<Candidate>[] {
  const written = tokenise(name).raw;
  if (written.length === 1) {
    // "Derriford's" is tokenised without its apostrophe: "Derrifords".
    const word = written[0]!;
    const forms = word.endsWith('s') ? [word] : [word, `${word}s`];
    return forms.map((phrase) => ({ phrase, value, caseSensitive: true }));
  }
  const tokens = nameTokens(name);
  const stripped = value.rank === Rank.Site ? strippedName(tokens) : null;
  return [tokens, ...(stripped ? [stripped] : [])].map((t) => ({ phrase: t.join(' '), value }));
}

/** A site's town as a place, and "<town> hospital" as a name for the site ("Pembury hospital"). */
function townEntries(town: string, odsCode: string): PhraseEntry<Candidate>[] {
  const written = tokenise(town).raw;
  const place = { odsCode, rank: Rank.Place };
  const site = { odsCode, rank: Rank.Site };
  if (written.length === 1 && WORD_TOWNS.has(written[0]!.toLowerCase())) {
    const word = written[0]!;
    return [
      { phrase: word, value: place, caseSensitive: true },
      { phrase: `${word} hospital`, value: site, caseSensitive: true },
      { phrase: `${word} Hospital`, value: site, caseSensitive: true },
      { phrase: `${word} hospitals`, value: site, caseSensitive: true },
      { phrase: `${word} Hospitals`, value: site, caseSensitive: true },
    ];
  }
  const tokens = nameTokens(town).join(' ');
  return [
    { phrase: tokens, value: place },
    { phrase: `${tokens} hospital`, value: site },
    { phrase: `${tokens} hospitals`, value: site },
  ];
}

export function createTrustLinker(options: TrustLinkerOptions): TrustLinker {
  const englandOnly = options.englandOnly ?? true;
  const byCode = new Map<string, Trust>();
  for (const trust of options.trusts) byCode.set(trust.odsCode, trust);
  const successorOf = new Map<string, string>();
  for (const s of options.successors ?? TRUST_SUCCESSORS) successorOf.set(s.closed, s.successor);
  const inScope = (trust: Trust) => !englandOnly || (trust.gorCode !== 'W' && trust.nationalGrouping !== '');

  const openSites = (options.sites ?? []).filter((site) => !site.closeDate);
  // A trust or site name that is also a town ("Milton Keynes", "Isle of Wight") names a place.
  const towns = new Set(openSites.flatMap((site) => (site.town ? [nameTokens(site.town).join(' ')] : [])));
  const entries: PhraseEntry<Candidate>[] = [];
  for (const trust of options.trusts) {
    for (const phrase of trustNamePhrases(trust.name)) {
      if (!towns.has(phrase)) entries.push({ phrase, value: { odsCode: trust.odsCode, rank: Rank.LegalName } });
    }
  }
  for (const alias of options.aliases ?? []) {
    entries.push(...namedEntries(alias.alias, { odsCode: alias.odsCode, rank: Rank.Alias }));
  }
  for (const site of openSites) {
    const named = namedEntries(site.name, { odsCode: site.odsCode, rank: Rank.Site });
    entries.push(...named.filter((e) => e.caseSensitive || !towns.has(e.phrase)));
    if (site.town) entries.push(...townEntries(site.town, site.odsCode));
  }
  const matcher = compilePhrases(entries.filter((e) => e.phrase !== ''));

  /**
   * The trust a code stands for on `day`: itself while open, else its successor (followed along a
   * chain of mergers), else none. A trust not yet open on `day` stands for nothing.
   */
  function standingFor(code: string, day: string | null): string | null {
    let trust = byCode.get(code);
    for (let hops = 0; trust && hops < 8; hops++) {
      if (isActive(trust, day)) return trust.odsCode;
      if (day !== null && day < trust.openDate) return null;
      const next = successorOf.get(trust.odsCode);
      trust = next ? byCode.get(next) : undefined;
    }
    return null;
  }

  // A name is title-cased once per trust, not once per comment that names it.
  const displayNames = new Map<string, string>();
  const displayName = (trust: Trust): string => {
    let name = displayNames.get(trust.name);
    if (name === undefined) {
      name = titleCaseTrustName(trust.name);
      displayNames.set(trust.name, name);
    }
    return name;
  };
  const provider = (trust: Trust): Provider => ({ odsCode: trust.odsCode, name: displayName(trust) });

  /**
   * The trusts one span names at its best rank: none, one, or several (ambiguous). A closed trust
   * standing in for its successor counts only as a site would, so a closed trust's generic name ("St
   * Mary's Hospital") does not outrank the open hospitals of the same name.
   */
  function resolveSpan(group: PhraseHit<Candidate>[], day: string | null, ranks: readonly Rank[]): Set<string> {
    let best: Rank | undefined;
    let codes = new Set<string>();
    for (const hit of group) {
      if (!ranks.includes(hit.value.rank)) continue;
      const code = standingFor(hit.value.odsCode, day);
      if (!code) continue;
      const rank = code === hit.value.odsCode ? hit.value.rank : (Math.max(hit.value.rank, Rank.Site) as Rank);
      if (best === undefined || rank < best) {
        best = rank;
        codes = new Set([code]);
      } else if (rank === best) codes.add(code);
    }
    return codes;
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
      const named: Set<string>[] = [];
      const places = new Set<string>();
      for (const group of selectSpans(hits)) {
        const codes = resolveSpan(group, day, NAMING_RANKS);
        if (codes.size > 0) named.push(codes);
        else for (const code of resolveSpan(group, day, [Rank.Place])) places.add(code);
      }
      const found = new Set<string>();
      for (const codes of named) {
        // "the QE in Gateshead": a town named in the comment picks one of the trusts a shared name fits.
        const placed = codes.size > 1 ? [...codes].filter((c) => places.has(c)) : [];
        for (const code of placed.length === 1 ? placed : codes) found.add(code);
      }
      if (found.size !== 1) return null;
      const trust = byCode.get([...found][0]!)!;
      return inScope(trust) ? provider(trust) : null;
    },
  };
}
