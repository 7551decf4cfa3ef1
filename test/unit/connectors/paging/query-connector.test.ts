import { describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../../../src/connectors/connector.js';
import { createQueryConnector, type QueryPageRequest } from '../../../../src/connectors/http/paging/query-connector.js';

/** A newest-first feed of numbered posts (a higher number is newer), two to a page. */
function feed(posts: number[], maxPagesPerQuery: number) {
  const newestFirst = () => [...posts].sort((a, b) => b - a);
  return createQueryConnector<string>({
    id: 'feed',
    queries: ['q'],
    queryKey: (q) => q,
    backfillDays: 3650,
    maxPagesPerQuery,
    compareMarks: (a, b) => Number(a) - Number(b),
    async fetchQueryPage({ pageToken, mark }: QueryPageRequest<string>) {
      const all = newestFirst();
      const from = pageToken === null ? 0 : Number(pageToken);
      const fresh = all.slice(from, from + 2).filter((n) => mark === null || n > Number(mark));
      const reachedKnown = fresh.length < Math.min(2, all.length - from);
      const more = !reachedKnown && from + 2 < all.length;
      return {
        url: `feed?from=${from}`,
        fetchedAt: new Date(0).toISOString(),
        contentHash: `h${from}`,
        items: fresh.map((n) => ({ ok: true as const, item: { externalId: String(n), text: `post ${n}` } })),
        nextPageToken: more ? String(from + 2) : null,
        newestMark: fresh.length > 0 ? String(fresh[0]) : null,
      };
    },
  });
}

/** One collect run as the collect stage drives it: state saved after each page, the cursor kept. */
async function run(connector: ReturnType<typeof feed>, state: Map<string, string>, clock: { t: number }) {
  const ids: string[] = [];
  let cursor: string | null = state.get('page') ?? null;
  const ctx: ConnectorContext = { now: () => new Date(clock.t), state: { get: async (k) => state.get(k) ?? null } };
  do {
    const page = await connector.fetchPage(cursor, ctx);
    for (const item of page.items) if (item.ok) ids.push(item.item.externalId);
    for (const [k, v] of Object.entries(page.stateUpdates ?? {})) state.set(k, v);
    if (page.nextCursor !== null) state.set('page', page.nextCursor);
    cursor = page.nextCursor;
  } while (cursor !== null);
  clock.t += 60_000;
  return ids;
}

describe('query connector page budget', () => {
  it('never skips posts when more arrive between runs than one run may fetch', async () => {
    const posts = [1, 2, 3, 4];
    const state = new Map<string, string>();
    const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
    const connector = feed(posts, 1);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) for (const id of await run(connector, state, clock)) seen.add(id);
    expect([...seen].sort()).toEqual(['1', '2', '3', '4']);

    posts.push(5, 6, 7, 8, 9, 10); // six new posts: three runs' worth at one page a run
    for (let i = 0; i < 5; i++) for (const id of await run(connector, state, clock)) seen.add(id);
    expect([...seen].map(Number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('moves the high-water mark only when a walk reaches known posts', async () => {
    const posts = [1, 2, 3, 4, 5, 6];
    const state = new Map<string, string>();
    const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
    const connector = feed(posts, 1);
    await run(connector, state, clock);
    expect(state.get('mark:q')).toBeUndefined();
    expect(state.get('resume:q')).toContain('"page":"2"');
  });
});
