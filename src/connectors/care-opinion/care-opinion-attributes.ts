import type { CommentAttributes } from '../../domain/model.js';
import { isObject, type Json } from '../http/item-checks.js';

/**
 * The attributes of one opinion: its criticality on Care Opinion's −5 (highly critical) … 5 (highly
 * positive) scale and the tags carried inline. A value that cannot be read is reported in `problems`.
 */

/** A signed whole number; the minus may be typographic (U+2212). */
const CRITICALITY = /^[+\-\u2212]?\d+$/;

/** An integer in −5…5 (a number or its decimal string); a word label is not on the scale and is left out. */
function criticalityOf(value: unknown, problems: string[]): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let score: number | undefined;
  if (typeof value === 'number') score = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (!CRITICALITY.test(text)) return undefined;
    score = Number(text.replace('\u2212', '-'));
  } else {
    problems.push(`criticality is ${typeof value}, not a number`);
    return undefined;
  }
  if (!Number.isInteger(score) || score < -5 || score > 5) {
    problems.push(`criticality ${score} is not an integer in −5…5`);
    return undefined;
  }
  return score;
}

/** Tags as strings or as tag objects (`{name}`, as the tags collection gives them). */
function tagsOf(value: unknown, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push('tags is not an array');
    return undefined;
  }
  const tags: string[] = [];
  for (const tag of value) {
    const name = typeof tag === 'string' ? tag : isObject(tag) ? tag['name'] : undefined;
    if (typeof name !== 'string') {
      problems.push('a tag is neither a string nor an object with a name');
      return undefined;
    }
    if (name.trim() !== '') tags.push(name.trim());
  }
  return tags.length > 0 ? tags : undefined;
}

export function careOpinionAttributes(opinion: Json, problems: string[]): CommentAttributes | undefined {
  const criticality = criticalityOf(opinion['criticality'], problems);
  const tags = tagsOf(opinion['tags'], problems);
  const attributes: CommentAttributes = {
    ...(tags !== undefined && { tags }),
    ...(criticality !== undefined && { criticality }),
  };
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}
