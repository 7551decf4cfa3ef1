import type { ParsedItem } from '../connector.js';
import { isObject, optionalString, rejectItem } from '../http/item-checks.js';
import type { MarkedItem } from '../http/paging/newest-first.js';

/** Text Reddit puts in place of a post's body once the author deleted it or moderators removed it. */
const TOMBSTONES = new Set(['[deleted]', '[removed]']);

/**
 * One child of a Reddit Listing (`{kind: "t3", data: {...}}`) as a marked item. The fullname
 * (`t3_…`) is the external id; a deleted or removed post becomes a tombstone.
 */
export function redditChild(child: unknown, location: string): MarkedItem {
  if (!isObject(child) || !isObject(child['data'])) {
    return { parsed: rejectItem('wrong_type', 'a listing child is not {kind, data}', child, { location }) };
  }
  const data = child['data'];
  const problems: string[] = [];
  const name = optionalString(data, 'name', problems);
  const id = optionalString(data, 'id', problems);
  if (child['kind'] !== 't3') problems.push(`kind is ${JSON.stringify(child['kind'])}, not "t3"`);
  if (!name || !id || !name.startsWith('t3_')) problems.push('name is not a t3_ fullname');
  const title = optionalString(data, 'title', problems) ?? '';
  const selftext = optionalString(data, 'selftext', problems) ?? '';
  const author = optionalString(data, 'author', problems);
  const permalink = optionalString(data, 'permalink', problems);
  const created = data['created_utc'];
  if (typeof created !== 'number' || !Number.isFinite(created)) problems.push('created_utc is not a number');
  if (problems.length > 0 || !name || !id) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), data, { externalId: name, location }) };
  }
  const postedAt = new Date((created as number) * 1000).toISOString();
  const removed = TOMBSTONES.has(selftext.trim()) || data['removed_by_category'] != null;
  if (removed) return { parsed: { ok: true, item: { externalId: name, text: '', deleted: true } }, mark: id, postedAt };
  const parsed: ParsedItem = {
    ok: true,
    item: {
      externalId: name,
      text: selftext.trim() ? `${title}\n\n${selftext}` : title,
      postedAt,
      url: permalink ? `https://www.reddit.com${permalink}` : undefined,
      authorHandle: author && !TOMBSTONES.has(author) ? author : undefined,
    },
  };
  return { parsed, mark: id, postedAt };
}
