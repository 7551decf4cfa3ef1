import { isObject, isoInstant, optionalString, rejectItem } from '../http/item-checks.js';
import type { MarkedItem } from '../http/paging/newest-first.js';

/**
 * One Post of a recent-search answer as a marked item. An edited Post gets a new id; its
 * `edit_history_tweet_ids` starts with the original, which is kept as the external id so an edit
 * updates the comment instead of adding another.
 */
export function xPost(post: unknown, usernames: Map<string, string>, location: string): MarkedItem {
  if (!isObject(post)) return { parsed: rejectItem('wrong_type', 'a post is not an object', post, { location }) };
  const problems: string[] = [];
  const id = optionalString(post, 'id', problems);
  if (!id || !/^\d+$/.test(id)) problems.push('id is not a numeric string');
  const text = optionalString(post, 'text', problems);
  if (text === undefined) problems.push('text is missing');
  const createdAt = isoInstant(optionalString(post, 'created_at', problems), 'created_at', problems);
  const authorId = optionalString(post, 'author_id', problems);
  const history = post['edit_history_tweet_ids'];
  if (history !== undefined && !(Array.isArray(history) && history.every((h) => typeof h === 'string'))) {
    problems.push('edit_history_tweet_ids is not a list of ids');
  }
  if (problems.length > 0 || !id || text === undefined) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), post, { externalId: id, location }) };
  }
  const original = (history as string[] | undefined)?.[0] ?? id;
  const username = authorId ? usernames.get(authorId) : undefined;
  return {
    parsed: {
      ok: true,
      item: {
        externalId: original,
        text,
        postedAt: createdAt,
        url: `https://x.com/${username ?? 'i/web'}/status/${id}`,
        authorHandle: username ?? authorId,
      },
    },
    mark: id,
    postedAt: createdAt,
  };
}

/** `includes.users` as id → username. */
export function usernamesOf(includes: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!isObject(includes) || !Array.isArray(includes['users'])) return map;
  for (const user of includes['users']) {
    if (isObject(user) && typeof user['id'] === 'string' && typeof user['username'] === 'string') {
      map.set(user['id'], user['username']);
    }
  }
  return map;
}
