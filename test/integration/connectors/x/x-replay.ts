import { jsonReply, type ReplayHandler } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * X API v2 as documented: `GET /2/tweets/search/recent` with `query`, `max_results`, `since_id` /
 * `start_time`, `next_token`; answers `{data, includes: {users}, meta: {newest_id, oldest_id,
 * result_count, next_token}}` (no `data` when nothing matched) and x-rate-limit-* headers.
 */

export function postId(n: number): string {
  return String(1_890_000_000_000_000_000n + BigInt(n) * 1000n);
}

export function xPostOf(post: SyntheticPost, overrides: Record<string, unknown> = {}) {
  return {
    id: postId(post.n),
    text: post.text,
    created_at: post.postedAt,
    author_id: String(7000 + post.n),
    lang: 'en',
    edit_history_tweet_ids: [postId(post.n)],
    ...overrides,
  };
}

export function xHandler(
  feed: PostFeed,
  pageSize: number,
  transform?: (post: SyntheticPost) => Record<string, unknown>,
): ReplayHandler {
  return (request) => {
    if (request.path !== '/2/tweets/search/recent')
      return jsonReply({ title: 'Not Found Error', status: 404 }, {}, 404);
    if (request.headers.authorization !== 'Bearer x-bearer') {
      return jsonReply({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, {}, 401);
    }
    const sinceId = request.query.get('since_id');
    const startTime = request.query.get('start_time');
    const limit = Math.min(Number(request.query.get('max_results') ?? 10), pageSize);
    const posts = feed
      .newestFirst()
      .filter((post) => !sinceId || BigInt(postId(post.n)) > BigInt(sinceId))
      .filter((post) => !startTime || Date.parse(post.postedAt) >= Date.parse(startTime));
    const start = Number(request.query.get('next_token')?.replace('tok', '') ?? 0);
    const slice = posts.slice(start, start + limit);
    const more = start + limit < posts.length;
    const data = slice.map((post) => transform?.(post) ?? xPostOf(post));
    const meta = {
      result_count: slice.length,
      ...(slice.length > 0 && { newest_id: postId(slice[0]!.n), oldest_id: postId(slice.at(-1)!.n) }),
      ...(more && { next_token: `tok${start + limit}` }),
    };
    const users = slice.map((post) => ({ id: String(7000 + post.n), name: `User ${post.n}`, username: post.author }));
    const body = slice.length > 0 ? { data, includes: { users }, meta } : { meta };
    const reset = String(Math.floor(Date.now() / 1000) + 900);
    return jsonReply(body, {
      'x-rate-limit-limit': '450',
      'x-rate-limit-remaining': '449',
      'x-rate-limit-reset': reset,
    });
  };
}
