/**
 * A token trie over lexicon phrases, compiled once and scanned in one pass per text. It is shared by
 * the theme, tumour-group, safety and trust lexicons: lookups are one Map access per token, which keeps
 * the per-comment pass well above 20,000 comments/s where large regex alternations are not.
 *
 * Phrase syntax (whitespace separates tokens):
 * - `{a,b,}` inside a token expands to alternatives (`wait{ed,ing,}` → waited, waiting, wait);
 * - a trailing `*` makes the token a prefix (`biops*` matches biopsy, biopsies);
 * - tokens are matched lower-cased unless the entry is `caseSensitive` (short abbreviations: `ALL`, `NET`).
 */

import { codePointAt, codePointWidth, letterOrNumberWidth, letterWidth } from '../text/char-class.js';
import { rememberRecent } from '../text/recent-results.js';

export interface TokenisedText {
  /** Tokens lower-cased, apostrophes removed, `&` kept as `and`. */
  lower: string[];
  /** Tokens as written (apostrophes removed), for case-sensitive entries. */
  raw: string[];
  /** Where each token starts and ends in the text (UTF-16 offsets), when `tokenise` made them. */
  starts?: number[];
  ends?: number[];
}

export interface PhraseEntry<T> {
  phrase: string;
  value: T;
  /** Match the tokens exactly as written. @defaultValue false */
  caseSensitive?: boolean;
}

export interface PhraseHit<T> {
  /** Index of the first token matched. */
  start: number;
  /** Index one past the last token matched. */
  end: number;
  value: T;
}

export interface PhraseMatcher<T> {
  /**
   * Every hit, overlapping ones included, ordered by start then by length (longest first). `from` and
   * `to` bound the tokens read, as if the text held only those (one sentence of a longer text).
   */
  match(tokens: TokenisedText, from?: number, to?: number): PhraseHit<T>[];
}

interface PrefixEdge<T> {
  prefix: string;
  node: TrieNode<T>;
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  prefixes: PrefixEdge<T>[];
  /** Prefix edges indexed by their first two characters (see `headKey`), so a token checks only its own bucket. */
  prefixBuckets: Map<number, PrefixEdge<T>[]>;
  values: T[];
}

const APOSTROPHE_RE = /['’]/g;

/**
 * Tokens of `text`. Trust linking, tumour groups and safety each tokenise the same comment in turn, so
 * recent results are remembered; they are shared with later calls for the same text, so read-only.
 */
export const tokenise: (text: string) => TokenisedText = rememberRecent(tokeniseUncached);

const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

function isApostrophe(code: number): boolean {
  return code === APOSTROPHE || code === RIGHT_QUOTE;
}

/**
 * End of the word starting at `i`: `[\p{L}\p{N}]+(?:['’][\p{L}]+)*['’]?`, greedy as a regex would be.
 * `apostrophes` is set when the word holds one, so the caller knows to drop them.
 */
function endOfWord(text: string, i: number, apostrophes: { found: boolean }): number {
  let end = i;
  for (let width = letterOrNumberWidth(text, end); width > 0; width = letterOrNumberWidth(text, end)) end += width;
  while (end < text.length && isApostrophe(text.charCodeAt(end))) {
    apostrophes.found = true;
    let j = end + 1;
    for (let width = letterWidth(text, j); width > 0; width = letterWidth(text, j)) j += width;
    // A trailing apostrophe ("patients'") belongs to the word; nothing can follow it.
    if (j === end + 1) return end + 1;
    end = j;
  }
  return end;
}

// Words, numbers and a lone "&" in one scan, without a regex match object per token.
function tokeniseUncached(text: string): TokenisedText {
  const lower: string[] = [];
  const raw: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const apostrophes = { found: false };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === AMPERSAND) {
      raw.push('and');
      lower.push('and');
      starts.push(i);
      ends.push(i + 1);
      i++;
    } else if (letterOrNumberWidth(text, i) > 0) {
      apostrophes.found = false;
      const end = endOfWord(text, i, apostrophes);
      const word = text.slice(i, end);
      const token = apostrophes.found ? word.replace(APOSTROPHE_RE, '') : word;
      raw.push(token);
      lower.push(token.toLowerCase());
      starts.push(i);
      ends.push(end);
      i = end;
    } else i += codePointWidth(codePointAt(text, i));
  }
  return { lower, raw, starts, ends };
}

/** Expands `{a,b}` groups in one token into every alternative spelling. */
export function expandToken(token: string): string[] {
  const open = token.indexOf('{');
  if (open < 0) return [token];
  const close = token.indexOf('}', open);
  if (close < 0) throw new Error(`phrase token "${token}" has "{" without a closing "}"`);
  const head = token.slice(0, open);
  const tail = expandToken(token.slice(close + 1));
  const out: string[] = [];
  for (const option of token.slice(open + 1, close).split(',')) {
    for (const rest of tail) out.push(head + option + rest);
  }
  return out;
}

/** A word's first two UTF-16 code units as one integer: a bucket key that needs no substring. */
function headKey(word: string): number {
  return (word.charCodeAt(0) << 16) | word.charCodeAt(1);
}

function newNode<T>(): TrieNode<T> {
  return { children: new Map(), prefixes: [], prefixBuckets: new Map(), values: [] };
}

function insert<T>(root: TrieNode<T>, tokens: string[], value: T): void {
  let nodes = [root];
  for (const token of tokens) {
    const next: TrieNode<T>[] = [];
    for (const spelling of expandToken(token)) {
      for (const node of nodes) {
        if (spelling.endsWith('*')) {
          const prefix = spelling.slice(0, -1);
          if (prefix.length < 2) throw new Error(`prefix token "${spelling}" is too short to be useful`);
          let entry = node.prefixes.find((p) => p.prefix === prefix);
          if (!entry) {
            entry = { prefix, node: newNode<T>() };
            node.prefixes.push(entry);
            const key = headKey(prefix);
            node.prefixBuckets.set(key, [...(node.prefixBuckets.get(key) ?? []), entry]);
          }
          next.push(entry.node);
        } else {
          let child = node.children.get(spelling);
          if (!child) {
            child = newNode<T>();
            node.children.set(spelling, child);
          }
          next.push(child);
        }
      }
    }
    nodes = next;
  }
  for (const node of nodes) if (!node.values.includes(value)) node.values.push(value);
}

function phraseTokens(phrase: string, caseSensitive: boolean): string[] {
  // Written like the text is tokenised: hyphens split words and "&" is the word "and".
  const tokens = phrase
    .replace(/-/g, ' ')
    .replace(/&/g, ' and ')
    .trim()
    .split(/\s+/)
    .map((t) => t.replace(APOSTROPHE_RE, ''));
  if (tokens.length === 0 || tokens[0] === '') throw new Error('an empty phrase cannot be matched');
  return caseSensitive ? tokens : tokens.map((t) => t.toLowerCase());
}

// Depth-first because prefix tokens can branch; lexicons keep that branching small. Reads words[start, to).
function walk<T>(
  node: TrieNode<T>,
  words: string[],
  to: number,
  start: number,
  at: number,
  hits: PhraseHit<T>[],
): void {
  if (at > start) {
    const values = node.values;
    for (let k = 0; k < values.length; k++) hits.push({ start, end: at, value: values[k] as T });
  }
  // Checked against the bound, not by reading past the end: an out-of-range read is a slow path in V8.
  if (at >= to) return;
  const word = words[at] as string;
  if (node.children.size > 0) {
    const child = node.children.get(word);
    if (child) walk(child, words, to, start, at + 1, hits);
  }
  if (node.prefixes.length === 0 || word.length < 2) return;
  const bucket = node.prefixBuckets.get(headKey(word));
  if (bucket) for (const p of bucket) if (word.startsWith(p.prefix)) walk(p.node, words, to, start, at + 1, hits);
}

export function compilePhrases<T>(entries: readonly PhraseEntry<T>[]): PhraseMatcher<T> {
  const folded = newNode<T>();
  const exact = newNode<T>();
  let hasExact = false;
  for (const entry of entries) {
    const caseSensitive = entry.caseSensitive === true;
    insert(caseSensitive ? exact : folded, phraseTokens(entry.phrase, caseSensitive), entry.value);
    hasExact ||= caseSensitive;
  }
  return {
    match(tokens, from = 0, to = tokens.lower.length) {
      const hits: PhraseHit<T>[] = [];
      for (let i = from; i < to; i++) {
        const before = hits.length;
        walk(folded, tokens.lower, to, i, i, hits);
        if (hasExact && exact.children.has(tokens.raw[i]!)) walk(exact, tokens.raw, to, i, i, hits);
        if (hits.length - before > 1) sortFrom(hits, before);
      }
      return hits;
    },
  };
}

function sortFrom<T>(hits: PhraseHit<T>[], from: number): void {
  const tail = hits.splice(from).sort((a, b) => b.end - a.end);
  hits.push(...tail);
}
