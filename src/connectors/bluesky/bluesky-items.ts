import { isObject, isoInstant, optionalString, rejectItem } from '../http/item-checks.js';
import type { MarkedItem } from '../http/paging/newest-first.js';

const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/;

/**
 * One `app.bsky.feed.defs#postView` as a marked item. The AT URI is the id; the mark is the post's
 * sort time (the earlier of `record.createdAt` and `indexedAt`), the field search results sort by.
 */
export function blueskyPost(post: unknown, location: string): MarkedItem {
  if (!isObject(post)) return { parsed: rejectItem('wrong_type', 'a post is not an object', post, { location }) };
  const problems: string[] = [];
  const uri = optionalString(post, 'uri', problems);
  const match = uri ? POST_URI.exec(uri) : null;
  if (!match) problems.push('uri is not an at://…/app.bsky.feed.post/… URI');
  const author = isObject(post['author']) ? post['author'] : null;
  if (!author) problems.push('author is missing');
  const record = isObject(post['record']) ? post['record'] : null;
  if (!record) problems.push('record is missing');
  const text = record ? optionalString(record, 'text', problems) : undefined;
  const createdAt = isoInstant(
    record ? optionalString(record, 'createdAt', problems) : undefined,
    'createdAt',
    problems,
  );
  const indexedAt = isoInstant(optionalString(post, 'indexedAt', problems), 'indexedAt', problems);
  const handle = author ? optionalString(author, 'handle', problems) : undefined;
  const did = author ? optionalString(author, 'did', problems) : undefined;
  if (text === undefined && record) problems.push('record.text is missing');
  if (problems.length > 0 || !match || text === undefined) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), post, { externalId: uri, location }) };
  }
  const sortAt = [createdAt, indexedAt].filter((t): t is string => t !== undefined).sort()[0];
  return {
    parsed: {
      ok: true,
      item: {
        externalId: uri!,
        text,
        postedAt: createdAt ?? indexedAt,
        url: `https://bsky.app/profile/${did ?? match[1]}/post/${match[2]}`,
        authorHandle: handle ?? did,
      },
    },
    mark: sortAt,
    postedAt: sortAt,
  };
}
