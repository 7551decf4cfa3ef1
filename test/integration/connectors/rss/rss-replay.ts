import { createHash } from 'node:crypto';
import type { ReplayHandler, ReplayResponse } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * Feeds as published: an Atom feed (RFC 4287) paged with RFC 5005 `<link rel="next">`, and an RSS 2.0
 * channel; both with ETag / Last-Modified and 304 Not Modified for a matching If-None-Match.
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function atomEntry(post: SyntheticPost, baseUrl: string): string {
  return `<entry>
  <id>urn:carevoice:synthetic:${post.n}</id>
  <title>Story ${post.n}</title>
  <link rel="alternate" href="${baseUrl}/stories/${post.n}"/>
  <published>${post.postedAt}</published>
  <updated>${post.postedAt}</updated>
  <author><name>${post.author}</name></author>
  <content type="html">${escapeXml(`<p>${post.text}</p>`)}</content>
</entry>`;
}

export function rssItem(post: SyntheticPost, baseUrl: string): string {
  return `<item>
  <title>Story ${post.n}</title>
  <link>${baseUrl}/stories/${post.n}</link>
  <guid isPermaLink="false">synthetic-${post.n}</guid>
  <pubDate>${new Date(post.postedAt).toUTCString()}</pubDate>
  <description><![CDATA[<p>${post.text}</p>]]></description>
</item>`;
}

function validators(body: string, lastModified: string): Record<string, string> {
  return { etag: `"${createHash('sha1').update(body).digest('hex')}"`, 'last-modified': lastModified };
}

function conditional(request: { headers: Record<string, unknown> }, headers: Record<string, string>): boolean {
  return request.headers['if-none-match'] === headers['etag'];
}

export function atomHandler(feed: PostFeed, pageSize: number): ReplayHandler {
  return (request): ReplayResponse => {
    if (request.path !== '/feed.atom') return { status: 404 };
    const baseUrl = `http://${request.headers.host}`;
    const page = Number(request.query.get('page') ?? 1);
    const posts = feed.newestFirst();
    const slice = posts.slice((page - 1) * pageSize, page * pageSize);
    const next =
      page * pageSize < posts.length ? `<link rel="next" href="${baseUrl}/feed.atom?page=${page + 1}"/>` : '';
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:carevoice:synthetic-feed</id>
  <title>Synthetic stories</title>
  <updated>${posts[0]?.postedAt ?? '2026-01-01T00:00:00Z'}</updated>
  <link rel="self" href="${baseUrl}/feed.atom?page=${page}"/>
  ${next}
  ${slice.map((post) => atomEntry(post, baseUrl)).join('\n')}
</feed>`;
    const headers = validators(body, new Date(posts[0]?.postedAt ?? 0).toUTCString());
    if (conditional(request, headers)) return { status: 304, headers };
    return { headers: { 'content-type': 'application/atom+xml; charset=utf-8', ...headers }, body };
  };
}

export function rssHandler(feed: PostFeed): ReplayHandler {
  return (request): ReplayResponse => {
    if (request.path !== '/rss.xml') return { status: 404 };
    const baseUrl = `http://${request.headers.host}`;
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Synthetic stories</title>
  <link>${baseUrl}/</link>
  <description>Synthetic</description>
  ${feed
    .newestFirst()
    .map((post) => rssItem(post, baseUrl))
    .join('\n')}
</channel>
</rss>`;
    const headers = validators(body, new Date(feed.newestFirst()[0]!.postedAt).toUTCString());
    if (conditional(request, headers)) return { status: 304, headers };
    return { headers: { 'content-type': 'application/rss+xml; charset=utf-8', ...headers }, body };
  };
}
