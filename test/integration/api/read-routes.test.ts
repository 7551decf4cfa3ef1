import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../cli/support/cli-workspace.js';
import { type ApiUnderTest, apiOver, getJson } from './support/api-harness.js';
import { SEEDED_AUTHOR_HASH, type SeededStore, seededStore } from './support/seeded-store.js';

/** /v1/comments and /v1/scores over a store filled by the real process and aggregate stages. */

const SEEDED = 150;

interface CommentView {
  source: string;
  externalId: string;
  period: string;
  provider: { odsCode: string; name: string } | null;
  sentiment: { label: string; score: number };
  themes: { id: string; sentiment: string }[];
  tumourGroups: string[];
  [key: string]: unknown;
}
interface CommentPage {
  items: CommentView[];
  next: string | null;
}

let ws: CliWorkspace;
let seeded: SeededStore;
let api: ApiUnderTest;
/** Every comment the API lists without a filter, read in one page. */
let all: CommentView[];

beforeAll(async () => {
  ws = await createCliWorkspace();
  seeded = await seededStore(SEEDED);
  api = await apiOver({ store: seeded.store, redisUrl: TEST_REDIS_URL, prefix: ws.prefix });
  const { status, body } = await getJson<CommentPage>(api.app, '/v1/comments?limit=500');
  expect(status).toBe(200);
  expect(body.next).toBeNull();
  all = body.items;
});
afterAll(async () => {
  await api?.close();
  await seeded?.cleanup();
  await ws?.cleanup();
});

/** Follows `next` to the end; fails on a page over the limit or a loop. */
async function readAllPages(query: string, limit: number): Promise<{ items: CommentView[]; pages: number }> {
  const items: CommentView[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const cursor: string = after ? `&after=${after}` : '';
    const url = `/v1/comments?${query}${query ? '&' : ''}limit=${limit}${cursor}`;
    const { status, body, raw } = await getJson<CommentPage>(api.app, url);
    expect(status, raw).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    after = body.next;
    pages++;
    expect(pages, 'pagination does not end').toBeLessThan(200);
  } while (after !== null);
  return { items, pages };
}

const key = (c: CommentView) => `${c.source}:${c.externalId}`;

describe('GET /v1/comments', () => {
  it('lists every stored non-duplicate comment', async () => {
    expect(all.length).toBe(await seeded.store.countComments({}));
    expect(all.length).toBeGreaterThan(SEEDED / 2);
  });

  it.each([
    ['odsCode=RBV', (c: CommentView) => c.provider?.odsCode === 'RBV'],
    ['theme=waiting_times', (c: CommentView) => c.themes.some((t) => t.id === 'waiting_times')],
    ['tumourGroup=sarcoma', (c: CommentView) => c.tumourGroups.includes('sarcoma')],
    ['sentiment=negative', (c: CommentView) => c.sentiment.label === 'negative'],
    ['periodFrom=2025-02&periodTo=2025-03', (c: CommentView) => c.period >= '2025-02' && c.period <= '2025-03'],
    ['periodFrom=2025-05', (c: CommentView) => c.period >= '2025-05'],
    [
      'odsCode=RPY&sentiment=positive&periodTo=2025-04',
      (c: CommentView) => c.provider?.odsCode === 'RPY' && c.sentiment.label === 'positive' && c.period <= '2025-04',
    ],
  ])('filters by %s: exactly the matching comments', async (query, matches) => {
    const expected = all.filter(matches).map(key).sort();
    // A filter that keeps all or nothing would prove nothing.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const { items } = await readAllPages(query, 500);
    expect(items.map(key).sort()).toEqual(expected);
  });

  it('pages with a keyset cursor: no gaps, no repeats, same order as one big page', async () => {
    const { items, pages } = await readAllPages('', 7);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(new Set(items.map(key)).size).toBe(items.length);
    expect(items.map(key)).toEqual(all.map(key));

    const filtered = await readAllPages('theme=staff_attitude_dignity', 4);
    const expected = all.filter((c) => c.themes.some((t) => t.id === 'staff_attitude_dignity')).map(key);
    expect(filtered.items.map(key)).toEqual(expected);
  });

  it('never returns the author hash', async () => {
    const { raw } = await getJson(api.app, '/v1/comments?limit=500');
    expect(raw).not.toContain('authorHash');
    expect(raw).not.toContain(SEEDED_AUTHOR_HASH);
    // It was stored: the view leaves it out on purpose.
    const stored = await seeded.store.getComment(all[0]!.source, all[0]!.externalId);
    expect(stored?.authorHash).toBe(SEEDED_AUTHOR_HASH);
  });
});

describe('GET /v1/scores', () => {
  interface ScoreView {
    odsCode: string;
    theme: string;
    tumourGroup: string;
    period: string;
    n: number;
    positiveShare: number;
    positiveShareLower: number;
    positiveShareUpper: number;
  }

  it('serves the stored aggregate cells, filtered, with shares inside their intervals', async () => {
    const { status, body } = await getJson<{ items: ScoreView[] }>(api.app, '/v1/scores');
    expect(status).toBe(200);
    expect(body.items.length).toBe((await seeded.store.listAggregates({})).length);
    expect(body.items.length).toBeGreaterThan(0);
    for (const cell of body.items) {
      expect(cell.n).toBeGreaterThan(0);
      expect(cell.positiveShareLower).toBeLessThanOrEqual(cell.positiveShare);
      expect(cell.positiveShare).toBeLessThanOrEqual(cell.positiveShareUpper);
      expect(cell.positiveShareLower).toBeGreaterThanOrEqual(0);
      expect(cell.positiveShareUpper).toBeLessThanOrEqual(1);
    }

    const rbvAll = await getJson<{ items: ScoreView[] }>(
      api.app,
      '/v1/scores?odsCode=RBV&theme=all&tumourGroup=all&periodFrom=2025-01&periodTo=2025-06',
    );
    expect(rbvAll.status).toBe(200);
    expect(rbvAll.body.items.map((c) => c.period).sort()).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    for (const cell of rbvAll.body.items) {
      expect({ odsCode: cell.odsCode, theme: cell.theme, tumourGroup: cell.tumourGroup }).toEqual({
        odsCode: 'RBV',
        theme: 'all',
        tumourGroup: 'all',
      });
    }
    // The roll-up counts every RBV comment once.
    const rbvComments = all.filter((c) => c.provider?.odsCode === 'RBV').length;
    expect(rbvAll.body.items.reduce((sum, cell) => sum + cell.n, 0)).toBe(rbvComments);
  });
});
