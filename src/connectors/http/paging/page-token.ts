import type { z } from 'zod';
import { InvalidCursorError } from '../../errors/invalid-cursor-error.js';

/** Reads a page token this connector wrote as JSON; anything else is an invalid cursor. */
export function decodePageToken<T>(source: string, schema: z.ZodType<T>, token: string): T {
  let value: unknown;
  try {
    value = JSON.parse(token);
  } catch {
    throw new InvalidCursorError(source, token, 'the page token is not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError(source, token, 'the page token has the wrong fields');
  return parsed.data;
}
