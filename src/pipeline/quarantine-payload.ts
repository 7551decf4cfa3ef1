import type { Redactor } from './stage-deps.js';

/** Largest quarantine payload kept, in UTF-8 bytes. */
export const QUARANTINE_PAYLOAD_BYTES = 2048;
/** Characters of the rendering that are redacted before truncation (bounds the redaction work). */
const REDACT_WINDOW_CHARS = 8192;
const TRUNCATION_MARK = '…[truncated]';

/** JSON that never throws: BigInt as a string, cycles and functions dropped. */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return item.toString();
        if (typeof item === 'function' || typeof item === 'symbol') return undefined;
        if (item !== null && typeof item === 'object') {
          if (seen.has(item)) return '[cycle]';
          seen.add(item);
        }
        return item;
      }) ?? 'undefined'
    );
  } catch (error) {
    return `[unserialisable: ${(error as Error).message}]`;
  }
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(TRUNCATION_MARK, 'utf8');
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + TRUNCATION_MARK;
}

/** What a quarantine record keeps of a rejected record: JSON, redacted, at most 2 KB. */
export function renderQuarantinePayload(raw: unknown, redact: Redactor): string {
  const json = typeof raw === 'string' ? raw : safeJson(raw);
  return truncateUtf8(redact(json.slice(0, REDACT_WINDOW_CHARS)).text, QUARANTINE_PAYLOAD_BYTES);
}
