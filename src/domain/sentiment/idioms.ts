import { tokenise } from '../text/tokenise.js';
import { IDIOM_PATTERNS, type IdiomKind, type IdiomPattern } from './idiom-patterns.js';

/** One expanded idiom: the exact token sequence to match. */
export interface CompiledIdiom {
  id: string;
  kind: IdiomKind;
  valence: number;
  tokens: readonly string[];
}

/** Expands "(a|b c) x [y]" into every token sequence it stands for. */
export function expandPattern(pattern: string): string[][] {
  let sequences: string[][] = [[]];
  const partRe = /\(([^)]*)\)|\[([^\]]*)\]|([^\s()[\]]+)/g;
  for (const part of pattern.matchAll(partRe)) {
    let alternatives: (readonly string[])[];
    if (part[1] !== undefined) alternatives = part[1].split('|').map((alt) => tokenise(alt));
    else if (part[2] !== undefined) alternatives = [[], ...part[2].split('|').map((alt) => tokenise(alt))];
    else alternatives = [tokenise(part[3] ?? '')];
    const next: string[][] = [];
    for (const seq of sequences) for (const alt of alternatives) next.push([...seq, ...alt]);
    sequences = next;
  }
  return sequences.filter((seq) => seq.length > 0);
}

/** First token → idioms starting with it, longest first so "no one called back" beats "no one". */
export type IdiomIndex = ReadonlyMap<string, readonly CompiledIdiom[]>;

export function compileIdioms(patterns: readonly IdiomPattern[]): IdiomIndex {
  const index = new Map<string, CompiledIdiom[]>();
  for (const idiom of patterns) {
    for (const pattern of idiom.patterns) {
      for (const tokens of expandPattern(pattern)) {
        const first = tokens[0] as string;
        const list = index.get(first) ?? [];
        list.push({ id: idiom.id, kind: idiom.kind, valence: idiom.valence, tokens });
        index.set(first, list);
      }
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

export const IDIOMS: IdiomIndex = compileIdioms(IDIOM_PATTERNS);

/** The longest idiom starting at `start`, or undefined. */
export function matchIdiom(
  tokens: readonly string[],
  start: number,
  index: IdiomIndex = IDIOMS,
): CompiledIdiom | undefined {
  const candidates = index.get(tokens[start] as string);
  if (candidates === undefined) return undefined;
  outer: for (const idiom of candidates) {
    if (start + idiom.tokens.length > tokens.length) continue;
    for (let k = 1; k < idiom.tokens.length; k++) if (tokens[start + k] !== idiom.tokens[k]) continue outer;
    return idiom;
  }
  return undefined;
}
