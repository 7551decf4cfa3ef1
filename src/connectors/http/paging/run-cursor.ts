import { z } from 'zod';
import { InvalidCursorError } from '../../errors/invalid-cursor-error.js';

/**
 * Position inside one collect run of a query-driven source: which query, which page of it, and the
 * newest mark seen so far in this walk (it becomes the query's high-water mark when the walk ends).
 */
export interface RunCursor {
  /** When the run started (ISO-8601); runs compare by it. */
  run: string;
  /** Index into the connector's query list. */
  query: number;
  /** The source's own page token for this query; null on the walk's first page. */
  page: string | null;
  /** Newest mark seen in this walk so far. */
  top: string | null;
  /** Pages of this query fetched so far in this run. */
  pages: number;
}

const schema = z.strictObject({
  v: z.literal(1),
  run: z.string().min(1),
  query: z.number().int().nonnegative(),
  page: z.string().nullable(),
  top: z.string().nullable(),
  pages: z.number().int().nonnegative(),
});

export function encodeRunCursor(cursor: RunCursor): string {
  return JSON.stringify({ v: 1, ...cursor });
}

export function decodeRunCursor(source: string, text: string): RunCursor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidCursorError(source, text, 'not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError(source, text, z.prettifyError(parsed.error).replace(/\n/g, ' '));
  const { v: _version, ...cursor } = parsed.data;
  return cursor;
}
