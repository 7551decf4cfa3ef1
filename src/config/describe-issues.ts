import type { z } from 'zod';
import type { ConfigIssue } from './config-error.js';
import { isPlainObject, originOf, valueAt } from './config-layers.js';
import { SECRET_KEYS } from './config-schema.js';

/** Renders what was found at a key in a few words; secrets are never echoed. */
export function describeFound(value: unknown, secret = false): string {
  if (value === undefined) return 'nothing';
  if (secret) return 'a value (hidden: it is a secret)';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'an object';
  return typeof value;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key a typo most likely meant, when one is close enough to be a fair guess. */
export function closestKey(typo: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(typo, key);
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typo.length / 3)) ? best.key : undefined;
}

interface DescribeContext {
  /** The merged input that was validated. */
  input: unknown;
  origins: ReadonlyMap<string, string>;
  /** The schema's output for an empty input: the known keys at each level. */
  defaults: unknown;
}

/** Turns zod's issues into one line each, naming the key, what was expected and what was found. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], context: DescribeContext): ConfigIssue[] {
  const described: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const parent = valueAt(context.defaults, path);
      const known = isPlainObject(parent) ? Object.keys(parent) : [];
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const guess = closestKey(key, known);
        const hint = guess ? `; did you mean "${guess}"?` : known.length ? `; known keys: ${known.join(', ')}` : '';
        described.push({
          path: keyPath.join('.'),
          problem: `unknown key${hint}`,
          origin: originOf(context.origins, keyPath),
        });
      }
      continue;
    }
    const dotted = path.join('.');
    const found = describeFound(valueAt(context.input, path), dotted in SECRET_KEYS);
    described.push({
      path: dotted || '(top level)',
      problem: `expected ${issue.message}, found ${found}`,
      origin: originOf(context.origins, path),
    });
  }
  return described;
}
