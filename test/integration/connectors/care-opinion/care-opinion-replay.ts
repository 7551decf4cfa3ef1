import { jsonReply, type ReplayHandler } from '../../../support/replay-server.js';
import type { PostFeed, SyntheticPost } from '../support/post-feed.js';

/**
 * Care Opinion API v2 as documented: `GET /api/v2/opinions` (JSON by default), oldest publication
 * first, `take` (≤ 100) and `skip`, website search filters such as `publishedafter`; the key goes in
 * `Authorization: SUBSCRIPTION_KEY <key>`, and a wrong key is redirected to the sign-in page.
 */

export const KEY = 'co-synthetic-key';

export function opinion(post: SyntheticPost, overrides: Record<string, unknown> = {}) {
  const id = 900_000 + post.n;
  return {
    id,
    title: `Story ${post.n}`,
    body: post.text,
    criticality: post.n % 2 === 0 ? -2 : 3,
    tags: post.n % 2 === 0 ? ['parking', { name: 'waiting time', polarity: 'negative' }] : ['kind nurses'],
    dateOfSubmission: new Date(Date.parse(post.postedAt) - 3_600_000).toISOString(),
    dateOfPublication: post.postedAt,
    progress: 'unread',
    authorRole: 'patient',
    links: [
      { rel: 'self', id: String(id), href: `https://www.careopinion.org.uk/api/v2/opinions/${id}` },
      { rel: 'healthservice', id: 'RBV01', href: 'https://www.careopinion.org.uk/api/v2/healthservices/RBV01' },
    ],
    ...overrides,
  };
}

export function careOpinionHandler(
  feed: PostFeed,
  pageSize: number,
  transform?: (post: SyntheticPost) => unknown,
): ReplayHandler {
  return (request) => {
    if (request.path === '/account/login') {
      return { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><title>Sign in</title></html>' };
    }
    if (request.headers.authorization !== `SUBSCRIPTION_KEY ${KEY}`) {
      return { status: 302, headers: { location: '/account/login' } };
    }
    if (request.path !== '/api/v2/opinions') return jsonReply({ message: 'not found' }, {}, 404);
    const after = request.query.get('publishedafter');
    const take = Math.min(Number(request.query.get('take') ?? 10), pageSize, 100);
    const skip = Number(request.query.get('skip') ?? 0);
    const posts = feed.oldestFirst().filter((post) => !after || Date.parse(post.postedAt) >= Date.parse(after));
    return jsonReply(posts.slice(skip, skip + take).map((post) => transform?.(post) ?? opinion(post)));
  };
}
