import { htmlToPlainText } from '../http/html-text.js';
import { isObject, isoInstant, optionalString, rejectItem } from '../http/item-checks.js';
import type { MarkedItem } from '../http/paging/newest-first.js';

/**
 * One Mastodon Status as a marked item. Content is HTML and becomes plain text, after the content
 * warning when there is one. A boost carries someone else's status: it moves the mark but adds nothing.
 */
export function mastodonStatus(status: unknown, host: string, location: string): MarkedItem | null {
  if (!isObject(status)) return { parsed: rejectItem('wrong_type', 'a status is not an object', status, { location }) };
  const problems: string[] = [];
  const id = optionalString(status, 'id', problems);
  if (!id || !/^\d+$/.test(id)) problems.push('id is not a numeric string');
  const content = optionalString(status, 'content', problems);
  const spoiler = optionalString(status, 'spoiler_text', problems) ?? '';
  const createdAt = isoInstant(optionalString(status, 'created_at', problems), 'created_at', problems);
  const account = isObject(status['account']) ? status['account'] : null;
  const acct = account ? optionalString(account, 'acct', problems) : undefined;
  const url = optionalString(status, 'url', problems) ?? optionalString(status, 'uri', problems);
  if (content === undefined) problems.push('content is missing');
  const externalId = id ? `${host}/${id}` : undefined;
  if (problems.length > 0 || !id || content === undefined) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), status, { externalId, location }) };
  }
  if (status['reblog'] != null) return null;
  const body = htmlToPlainText(content);
  return {
    parsed: {
      ok: true,
      item: {
        externalId: externalId!,
        text: spoiler.trim() ? `${spoiler.trim()}\n\n${body}` : body,
        postedAt: createdAt,
        url,
        // A local account's acct has no domain; qualify it so handles are unique across servers.
        authorHandle: acct ? (acct.includes('@') ? acct : `${acct}@${host}`) : undefined,
      },
    },
    mark: id,
    postedAt: createdAt,
  };
}
