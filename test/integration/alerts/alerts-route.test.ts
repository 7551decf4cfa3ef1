import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divergenceAlertId } from '../../../src/alerts/alert.js';
import { buildApi } from '../../../src/api/server.js';
import { openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { storedSafetyAlert } from './support/alert-fixtures.js';

/** GET /v1/alerts over a real SQLite store: filters, keyset pages, and refusals of bad input. */

interface AlertPage {
  items: { id: string; type: string; kind: string; trust: { odsCode: string } | null; createdAt: string }[];
  next: string | null;
}

let temp: TempStore;
let app: FastifyInstance;
const safety = Array.from({ length: 5 }, (_, i) => storedSafetyAlert(`s${i}`, `2024-05-0${i + 1}T10:00:00.000Z`));
const divergence = {
  ...storedSafetyAlert('unused', '2024-05-03T12:00:00.000Z'),
  id: divergenceAlertId('deteriorating', 'RAA', 'cns_access', '2024-04'),
  type: 'divergence' as const,
  kind: 'deteriorating' as const,
  odsCode: 'RAA',
  trustName: null,
  tumourGroups: [],
  theme: 'cns_access' as const,
  comment: null,
  evidenceText: 'Positive share of comments on cns_access at RAA fell from 70% to 30%.',
  evidence: {
    recent: {
      periodFrom: '2024-02',
      periodTo: '2024-04',
      n: 30,
      positive: 9,
      negative: 20,
      share: { mean: 0.3, lower: 0.16, upper: 0.47 },
    },
    probability: 0.99,
    commentIds: ['sample:x1'],
  },
};

beforeAll(async () => {
  temp = await openTempStore();
  await temp.store.recordAlerts([...safety, divergence]);
  await temp.store.settleAlertDelivery(safety[0]!.id, { state: 'delivered', at: '2024-05-01T10:00:01.000Z' });
  app = await buildApi({
    store: temp.store,
    readiness: [],
    status: async () => ({ queues: [], comments: 0, quarantined: 0, lastRuns: [] }),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app?.close();
  await temp?.cleanup();
});

async function get(url: string): Promise<{ status: number; body: AlertPage & { message?: string } }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

describe('GET /v1/alerts', () => {
  it('lists every alert newest first with its delivery state and evidence', async () => {
    const { status, body } = await get('/v1/alerts');
    expect(status).toBe(200);
    expect(body.items.map((a) => a.createdAt)).toEqual([
      '2024-05-05T10:00:00.000Z',
      '2024-05-04T10:00:00.000Z',
      '2024-05-03T12:00:00.000Z',
      '2024-05-03T10:00:00.000Z',
      '2024-05-02T10:00:00.000Z',
      '2024-05-01T10:00:00.000Z',
    ]);
    expect(body.items[2]).toMatchObject({
      type: 'divergence',
      trust: { odsCode: 'RAA', name: null },
      evidence: { recent: { n: 30 }, probability: 0.99, commentIds: ['sample:x1'] },
      delivery: { state: 'pending', attempts: 0 },
    });
    expect(body.items[5]).toMatchObject({ delivery: { state: 'delivered' }, comment: { externalId: 's0' } });
  });

  it('filters by type, kind, trust, dates (inclusive, UTC) and delivery', async () => {
    const ids = async (query: string) => (await get(`/v1/alerts?${query}`)).body.items.map((a) => a.id);
    expect(await ids('type=divergence')).toEqual([divergence.id]);
    expect(await ids('kind=missed_deterioration')).toHaveLength(5);
    expect(await ids('odsCode=RAA')).toEqual([divergence.id]);
    expect(await ids('from=2024-05-03&to=2024-05-04')).toEqual([safety[3]!.id, divergence.id, safety[2]!.id]);
    expect(await ids('delivered=true')).toEqual([safety[0]!.id]);
    expect(await ids('delivered=false&type=safety')).toHaveLength(4);
  });

  it('pages by keyset with `next` passed back as `after`', async () => {
    const seen: string[] = [];
    let url = '/v1/alerts?limit=4';
    for (;;) {
      const { status, body } = await get(url);
      expect(status).toBe(200);
      seen.push(...body.items.map((a) => a.id));
      if (body.next === null) break;
      url = `/v1/alerts?limit=4&after=${body.next}`;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('refuses bad filters and forged cursors with 400 and the reason', async () => {
    for (const query of ['type=urgent', 'kind=rumour', 'from=May', 'delivered=maybe', 'limit=0', 'colour=red']) {
      const { status, body } = await get(`/v1/alerts?${query}`);
      expect(status, query).toBe(400);
      expect(body.message, query).toBeTruthy();
    }
    expect((await get('/v1/alerts?after=bm90LWpzb24')).status).toBe(400);
  });
});
