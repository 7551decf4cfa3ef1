import { accountFreeExternalId } from '../domain/privacy/account-free-id.js';
import { publicCommentLink } from '../domain/privacy/public-link.js';
import type { Redactor } from './stage-deps.js';

/** Largest quarantine payload kept, in UTF-8 bytes. */
export const QUARANTINE_PAYLOAD_BYTES = 2048;
/** Characters of the rendering that are redacted before truncation (bounds the redaction work). */
const REDACT_WINDOW_CHARS = 8192;
const TRUNCATION_MARK = '…[truncated]';

/**
 * Keys under which sources carry who wrote something (Reddit `author`, Mastodon `account.acct` and
 * `display_name`, X `username`, Bluesky `handle` / `did`…). A rejected record is kept for inspection,
 * not for identifying its author, so these never reach the quarantine table.
 */
const ACCOUNT_KEY =
  /^(author.*|authorHandle|acct|account|accounts|user|username|user_?name|screen_?name|display_?name|handle|did|avatar|profile.*|creator|owner|submitter|name)$/i;
const AT_URI = /^at:\/\/did:/;
const scrubbedAccount = () => '[account]';

/** JSON that never throws: BigInt as a string, cycles and functions dropped, author fields withheld. */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (key, item: unknown) => {
        if (key !== '' && ACCOUNT_KEY.test(key)) return '[withheld]';
        if (typeof item === 'string' && /^https?:\/\//.test(item)) return publicCommentLink(item) ?? '[link withheld]';
        if (typeof item === 'string' && AT_URI.test(item)) return accountFreeExternalId(item, scrubbedAccount);
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
