import { jsonReply, type ReplayHandler } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * Bluesky as documented: `GET /xrpc/app.bsky.feed.searchPosts?q&sort=latest&since&limit&cursor`
 * returns `{cursor?, hitsTotal?, posts: postView[]}`; `since` is inclusive; the last page has no cursor.
 */

export const DID = 'did:plc:synthetic00000000000000a';

export function rkey(n: number): string {
  return `3lsynth${String(n).padStart(6, '0')}`;
}

export function postView(post: SyntheticPost) {
  return {
    uri: `at://${DID}/app.bsky.feed.post/${rkey(post.n)}`,
    cid: `bafyreisynthetic${post.n}`,
    author: { did: DID, handle: `${post.author}.bsky.social`, displayName: `User ${post.n}` },
    record: { $type: 'app.bsky.feed.post', text: post.text, createdAt: post.postedAt, langs: ['en'] },
    replyCount: 0,
    repostCount: 0,
    likeCount: 1,
    indexedAt: new Date(Date.parse(post.postedAt) + 2_000).toISOString(),
  };
}

export function blueskyHandler(feed: PostFeed, pageSize: number): ReplayHandler {
  return (request) => {
    if (request.path !== '/xrpc/app.bsky.feed.searchPosts') {
      return jsonReply({ error: 'MethodNotImplemented', message: 'Method Not Implemented' }, {}, 501);
    }
    const since = request.query.get('since');
    const limit = Math.min(Number(request.query.get('limit') ?? 25), pageSize);
    const posts = feed.newestFirst().filter((post) => !since || Date.parse(post.postedAt) >= Date.parse(since));
    const start = Number(request.query.get('cursor') ?? 0);
    const slice = posts.slice(start, start + limit);
    const more = start + limit < posts.length;
    return jsonReply(
      { ...(more && { cursor: String(start + limit) }), hitsTotal: posts.length, posts: slice.map(postView) },
      { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-policy': '3000;w=300' },
    );
  };
}
