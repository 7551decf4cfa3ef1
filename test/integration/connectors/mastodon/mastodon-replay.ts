import { jsonReply, type ReplayHandler } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * Mastodon as documented: `GET /api/v1/timelines/tag/:hashtag` and `/api/v1/accounts/:id/statuses`
 * return an array of Status, newest first, honouring `limit`, `max_id` and `since_id`; paging is in
 * the `Link` header (`rel="next"` with max_id, `rel="prev"` with min_id); X-RateLimit-* on every answer.
 */

export function statusId(n: number): string {
  return String(113_000_000_000_000_000n + BigInt(n));
}

export function status(post: SyntheticPost, baseUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    id: statusId(post.n),
    created_at: post.postedAt,
    edited_at: null,
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'en',
    uri: `${baseUrl}/users/${post.author}/statuses/${statusId(post.n)}`,
    url: `${baseUrl}/@${post.author}/${statusId(post.n)}`,
    content: `<p>${post.text.replace('.', '. <a href="https://example.org/x" rel="nofollow">#chemo</a>')}</p>`,
    reblog: null,
    account: { id: `9${post.n}`, username: post.author, acct: post.author, display_name: `User ${post.n}` },
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'chemo', url: `${baseUrl}/tags/chemo` }],
    ...overrides,
  };
}

export function mastodonHandler(
  feed: PostFeed,
  pageSize: number,
  transform?: (post: SyntheticPost, baseUrl: string) => unknown,
): ReplayHandler {
  return (request) => {
    const match = /^\/api\/v1\/(timelines\/tag\/[^/]+|accounts\/[^/]+\/statuses)$/.exec(request.path);
    if (!match) return jsonReply({ error: 'Record not found' }, {}, 404);
    const host = request.headers.host!;
    const baseUrl = `http://${host}`;
    const limit = Math.min(Number(request.query.get('limit') ?? 20), pageSize);
    const maxId = request.query.get('max_id');
    const sinceId = request.query.get('since_id');
    const posts = feed
      .newestFirst()
      .filter((post) => !maxId || BigInt(statusId(post.n)) < BigInt(maxId))
      .filter((post) => !sinceId || BigInt(statusId(post.n)) > BigInt(sinceId));
    const slice = posts.slice(0, limit);
    const links: string[] = [];
    if (slice.length > 0) {
      const path = `${baseUrl}${request.path}`;
      links.push(`<${path}?max_id=${statusId(slice.at(-1)!.n)}>; rel="next"`);
      links.push(`<${path}?min_id=${statusId(slice[0]!.n)}>; rel="prev"`);
    }
    const reset = new Date(Date.now() + 5 * 60_000).toISOString();
    return jsonReply(
      slice.map((post) => transform?.(post, baseUrl) ?? status(post, baseUrl)),
      {
        ...(links.length > 0 && { link: links.join(', ') }),
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '299',
        'x-ratelimit-reset': reset,
      },
    );
  };
}
