import type { ReplayHandler } from '../../../support/replay-server.js';
import { jsonReply } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * Reddit as documented: `/r/<sub>/new(.json)` and `/search(.json)` return a Listing
 * `{kind: "Listing", data: {after, before, dist, children: [{kind: "t3", data: {...}}]}}`, paged by the
 * `after` fullname, with x-ratelimit-used / -remaining / -reset on every answer.
 */

export function redditId(n: number): string {
  return (1_000_000 + n).toString(36);
}

export function redditLink(post: SyntheticPost, overrides: Record<string, unknown> = {}) {
  const id = redditId(post.n);
  return {
    kind: 't3',
    data: {
      id,
      name: `t3_${id}`,
      subreddit: 'cancer',
      title: `Post ${post.n} title`,
      selftext: post.text,
      author: post.author,
      created_utc: Date.parse(post.postedAt) / 1000,
      permalink: `/r/cancer/comments/${id}/post_${post.n}/`,
      url: `https://www.reddit.com/r/cancer/comments/${id}/post_${post.n}/`,
      edited: false,
      removed_by_category: null,
      ...overrides,
    },
  };
}

export const QUOTA_HEADERS = { 'x-ratelimit-used': '1', 'x-ratelimit-remaining': '599.0', 'x-ratelimit-reset': '300' };

export function redditHandler(
  feed: PostFeed,
  pageSize: number,
  options: { headers?: Record<string, string>; transform?: (post: SyntheticPost) => unknown } = {},
): ReplayHandler {
  return (request) => {
    if (!/^\/r\/[^/]+\/(new|search)(\.json)?$/.test(request.path)) return { status: 404 };
    const limit = Math.min(Number(request.query.get('limit') ?? 25), pageSize);
    const posts = feed.newestFirst();
    const after = request.query.get('after');
    const start = after ? posts.findIndex((post) => `t3_${redditId(post.n)}` === after) + 1 : 0;
    const slice = posts.slice(start, start + limit);
    const more = start + limit < posts.length;
    const children = slice.map((post) => options.transform?.(post) ?? redditLink(post));
    return jsonReply(
      {
        kind: 'Listing',
        data: {
          after: more && slice.length > 0 ? `t3_${redditId(slice.at(-1)!.n)}` : null,
          before: null,
          dist: slice.length,
          children,
        },
      },
      { ...QUOTA_HEADERS, ...options.headers },
    );
  };
}
