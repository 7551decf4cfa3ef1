/** The triangulation service over a synthetic CPES year in a temporary SQLite store, read through /v1. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../../src/api/server.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import { refreshTriangulation } from '../../../src/triangulation/refresh-triangulation.js';
import { SYNTHETIC_YEAR, syntheticCpes, TRUSTS } from '../../unit/triangulation-service/synthetic-cpes.js';

let dir: string;
let store: Store;
let app: FastifyInstance;

interface Item {
  odsCode: string;
  tumourGroup: string;
  theme: string;
  observed: boolean;
  respondents: number | null;
  sources: string[];
  [key: string]: unknown;
}

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as T };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-triangulation-api-'));
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  expect(await refreshTriangulation(store)).toEqual({ status: 'skipped', reason: 'no_cpes_rows' });
  const rows = syntheticCpes();
  const file = {
    sha256: 'a'.repeat(64),
    kind: 'cpes' as const,
    layout: 'cpes-2018',
    fileName: 'synthetic.csv',
    importedAt: '2030-01-01T00:00:00.000Z',
    rowsRead: rows.length,
    rowsStored: rows.length,
  };
  await store.importCpesScores(file, rows);
  const outcome = await refreshTriangulation(store, { intervalSteps: 0, trustNames: new Map() });
  expect(outcome).toMatchObject({ status: 'ok', year: SYNTHETIC_YEAR, trusts: TRUSTS.length, cells: 240 });
  app = await buildApi({
    store,
    readiness: [],
    status: () => Promise.reject(new Error('status is not part of this test')),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /v1/triangulation', () => {
  it('filters by trust, group, theme, observed and rare cancers', async () => {
    const one = await get<{ items: Item[] }>('/v1/triangulation?odsCode=RA1&tumourGroup=sarcoma&theme=all');
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({
      observed: false,
      respondents: null,
      sources: ['cpes'],
      trustName: 'RA1',
    });
    expect(Object.keys(one.body.items[0]!).sort()).toEqual([
      'estimate',
      'lower',
      'observed',
      'odsCode',
      'respondents',
      'sources',
      'theme',
      'trustName',
      'tumourGroup',
      'upper',
    ]);
    const observed = await get<{ items: Item[] }>('/v1/triangulation?observed=true&theme=all&limit=1000');
    expect(observed.body.items.every((i) => i.observed && i.respondents !== null)).toBe(true);
    expect(observed.body.items.some((i) => i.tumourGroup === 'sarcoma')).toBe(false);
    const estimated = await get<{ items: Item[] }>('/v1/triangulation?observed=false&limit=1000');
    expect(estimated.body.items.every((i) => !i.observed)).toBe(true);
    const rare = await get<{ items: Item[] }>('/v1/triangulation?rareOnly=true&limit=1000');
    expect(new Set(rare.body.items.map((i) => i.tumourGroup))).toEqual(new Set(['sarcoma', 'skin']));
  });

  it('pages through every row with next', async () => {
    const seen = new Set<string>();
    let next: string | null = null;
    let pages = 0;
    do {
      const url: string = `/v1/triangulation?limit=70${next ? `&after=${next}` : ''}`;
      const page = await get<{ items: Item[]; next: string | null }>(url);
      expect(page.status).toBe(200);
      for (const i of page.body.items) seen.add(`${i.odsCode}/${i.tumourGroup}/${i.theme}`);
      next = page.body.next;
      pages++;
    } while (next !== null && pages < 20);
    expect(pages).toBe(4);
    expect(seen.size).toBe(240);
  });

  it.each([
    'limit=0',
    'observed=yes',
    'theme=waiting',
    'tumourGroup=all',
    'odsCode=rbv',
    'rareOnly=false',
    'unknown=1',
    'after=bm90LWpzb24',
  ])('answers 400 to %s', async (query) => {
    const res = await get<{ error: string }>(`/v1/triangulation?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('bad_request');
  });
});

describe('GET /v1/triangulation/summary', () => {
  it('gives per tumour group the published and suppressed trusts and England', async () => {
    const res = await get<{ items: { tumourGroup: string; trustsPublished: number; trustsSuppressed: number }[] }>(
      '/v1/triangulation/summary',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((s) => s.tumourGroup)).toEqual(['breast', 'lung', 'sarcoma', 'skin']);
    expect(res.body.items[2]).toMatchObject({ trustsPublished: 0, trustsSuppressed: TRUSTS.length });
  });
});
