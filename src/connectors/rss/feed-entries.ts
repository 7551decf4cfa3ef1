import type { ParsedItem } from '../connector.js';
import { htmlToPlainText } from '../http/html-text.js';
import { isObject, rejectItem } from '../http/item-checks.js';

/** What a feed document holds once its dialect (RSS 2.0 or Atom) is read. */
export interface FeedDocument {
  entries: { parsed: ParsedItem; postedAt?: string | undefined }[];
  /** RFC 5005 next-page link, when the feed is paged. */
  next: string | null;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of an element that may carry attributes (`{"#text": …, "@_type": …}`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value) && typeof value['#text'] === 'string') return value['#text'];
  if (isObject(value) && typeof value['#text'] === 'number') return String(value['#text']);
  return undefined;
}

function instant(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function linkHref(links: unknown[], rel: string): string | null {
  for (const link of links) {
    if (typeof link === 'string' && rel === 'alternate') return link;
    if (isObject(link) && typeof link['@_href'] === 'string' && (link['@_rel'] ?? 'alternate') === rel) {
      return link['@_href'];
    }
  }
  return null;
}

function entry(
  id: string | undefined,
  title: string | undefined,
  body: string | undefined,
  postedAt: string | undefined,
  url: string | undefined,
  author: string | undefined,
  raw: unknown,
  location: string,
): FeedDocument['entries'][number] {
  if (!id) return { parsed: rejectItem('missing_id', 'the entry has no guid, id or link', raw, { location }) };
  const text = [title?.trim(), body ? htmlToPlainText(body) : undefined].filter(Boolean).join('\n\n');
  return {
    parsed: { ok: true, item: { externalId: id, text, postedAt, url, authorHandle: author } },
    postedAt,
  };
}

function readRss(channel: Record<string, unknown>, where: string): FeedDocument {
  const entries = asArray(channel['item']).map((item, index) => {
    const location = `${where}#item${index}`;
    if (!isObject(item)) return { parsed: rejectItem('wrong_type', 'an item is not an element', item, { location }) };
    const link = linkHref(asArray(item['link']), 'alternate') ?? undefined;
    const id = textOf(item['guid']) ?? link;
    const author = textOf(item['dc:creator']) ?? textOf(item['author']);
    const body = textOf(item['content:encoded']) ?? textOf(item['description']);
    return entry(id, textOf(item['title']), body, instant(item['pubDate']), link, author, item, location);
  });
  return { entries, next: linkHref([...asArray(channel['atom:link']), ...asArray(channel['link'])], 'next') };
}

function readAtom(feed: Record<string, unknown>, where: string): FeedDocument {
  const entries = asArray(feed['entry']).map((item, index) => {
    const location = `${where}#entry${index}`;
    if (!isObject(item)) return { parsed: rejectItem('wrong_type', 'an entry is not an element', item, { location }) };
    const link = linkHref(asArray(item['link']), 'alternate') ?? undefined;
    const author = isObject(item['author']) ? textOf(item['author']['name']) : undefined;
    const body = textOf(item['content']) ?? textOf(item['summary']);
    const postedAt = instant(item['published']) ?? instant(item['updated']);
    return entry(textOf(item['id']), textOf(item['title']), body, postedAt, link, author, item, location);
  });
  return { entries, next: linkHref(asArray(feed['link']), 'next') };
}

/** The feed's entries, or a description of why the document is not RSS 2.0 / Atom. */
export function readFeedDocument(document: unknown, where: string): FeedDocument | string {
  if (!isObject(document)) return 'the feed is empty';
  const rss = document['rss'];
  if (isObject(rss)) {
    return isObject(rss['channel']) ? readRss(rss['channel'], where) : 'rss has no channel element';
  }
  const atom = document['feed'];
  if (isObject(atom)) return readAtom(atom, where);
  if (atom === '') return { entries: [], next: null };
  return 'neither an RSS 2.0 <rss><channel> nor an Atom <feed> document';
}
