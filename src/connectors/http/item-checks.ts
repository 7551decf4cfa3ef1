import type { ItemRejection, ParsedItem } from '../connector.js';

/**
 * Small guards for reading untrusted JSON items. A failed check rejects only its item, with a stable
 * code, so one bad item never sinks its page.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rejectItem(
  code: string,
  reason: string,
  raw: unknown,
  extra: Partial<Pick<ItemRejection, 'externalId' | 'location'>> = {},
): ParsedItem {
  return { ok: false, rejection: { code, reason, raw, ...extra } };
}

/** The string at `key`, or undefined when absent; a present non-string is reported in `problems`. */
export function optionalString(item: Json, key: string, problems: string[]): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${key} is ${typeof value}, not a string`);
    return undefined;
  }
  return value;
}

export function requiredString(item: Json, key: string, problems: string[]): string {
  const value = optionalString(item, key, problems);
  if (value === undefined && !problems.some((p) => p.startsWith(`${key} `))) problems.push(`${key} is missing`);
  return value ?? '';
}

/** An ISO-8601 instant for a date string, or undefined (with a problem noted) when unreadable. */
export function isoInstant(value: string | undefined, key: string, problems: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    problems.push(`${key} "${value.slice(0, 40)}" is not a date`);
    return undefined;
  }
  return new Date(time).toISOString();
}
