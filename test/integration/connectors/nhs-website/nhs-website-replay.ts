import { jsonReply, type ReplayHandler } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * NHS website Ratings and Reviews API as documented: `GET /comments/Comments` with `odsCode`,
 * `status` (published | removed), `fromDate`, `offset`, `limit` and a `subscription-key` header;
 * answers `{comments: [{comment: {...}, response}]}`.
 */

export const KEY = 'nhs-synthetic-key';

export function review(post: SyntheticPost, overrides: Record<string, unknown> = {}) {
  return {
    comment: {
      commentId: `c-${post.n}`,
      commentRef: `REF${post.n}`,
      responseID: null,
      odsCode: 'RBV01',
      commentOriginalURL: `https://www.nhs.uk/services/hospital/synthetic/RBV01/ratings-and-reviews#c-${post.n}`,
      title: `Review ${post.n}`,
      commentText: post.text,
      dateSubmitted: post.postedAt,
      lastUpdated: post.postedAt,
      sentimentScore: 0,
      department: 'Oncology',
      screenName: post.author,
      status: 'published',
      ratings: [{ question: 'Overall rating', rating: 4 }],
      visit: { month: 2, year: 2026 },
      ...overrides,
    },
    response: null,
  };
}

export function nhsWebsiteHandler(feed: PostFeed, pageSize: number, removed: SyntheticPost[] = []): ReplayHandler {
  return (request) => {
    if (request.headers['subscription-key'] !== KEY) {
      return jsonReply({ statusCode: 401, message: 'Access denied due to missing subscription key.' }, {}, 401);
    }
    if (request.path !== '/comments/Comments')
      return jsonReply({ statusCode: 404, message: 'Resource not found' }, {}, 404);
    const from = request.query.get('fromDate');
    const status = request.query.get('status') ?? 'published';
    const limit = Math.min(Number(request.query.get('limit') ?? 10), pageSize);
    const offset = Number(request.query.get('offset') ?? 0);
    const pool = status === 'removed' ? removed : feed.newestFirst();
    const posts = pool.filter((post) => !from || post.postedAt.slice(0, 10) >= from);
    const page = posts.slice(offset, offset + limit);
    return jsonReply({ comments: page.map((post) => review(post, status === 'removed' ? { status: 'removed' } : {})) });
  };
}
