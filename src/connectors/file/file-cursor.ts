import { z } from 'zod';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';

/** Where the file source stopped: which file (by content hash) and how far into it. */
export interface FileCursor {
  /** SHA-256 of the file being read. */
  sha256: string;
  /** Its name when the cursor was written; the first place to look for it. */
  name: string;
  /** Lines already read. */
  line: number;
  /** Byte offset of the next line. */
  byte: number;
}

const cursorSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1),
  line: z.number().int().nonnegative(),
  byte: z.number().int().nonnegative(),
});

export function encodeFileCursor(cursor: FileCursor): string {
  return JSON.stringify(cursor);
}

export function decodeFileCursor(source: string, text: string): FileCursor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidCursorError(source, text, 'not JSON');
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError(source, text, z.prettifyError(parsed.error).replace(/\n/g, ' '));
  return parsed.data;
}
