/**
 * Cached answers of /v1/scores and /v1/triangulation over a temporary SQLite store: identical bodies,
 * ETag / 304, and invalidation by a write from another store handle (as another process would make).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompressCallback, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CachedAnswers, MIN_GZIP_BYTES } from '../../../src/api/response-cache/cached-answers.js';
import { scoreQuery, scoreView } from '../../../src/api/schemas.js';
import { buildApi } from '../../../src/api/server.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import type { TriangulatedCell } from '../../../src/storage/triangulation-types.js';
import { aggregateRow } from '../../support/aggregate-row.js';

const VERSION_CHECK_MS = 200;

/** Counts the cache's compressions, and can make zlib fail, through node:zlib's own gzip. */
const zlibCalls = vi.hoisted(() => ({ gzip: 0, fail: false }));
vi.mock('node:zlib', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:zlib')>();
  return {
    ...actual,
    gzip: (...args: unknown[]) => {
      zlibCalls.gzip++;
      if (zlibCalls.fail) (args.at(-1) as CompressCallback)(new Error('zlib failed'), Buffer.alloc(0));
      else (actual.gzip as (...passed: unknown[]) => void)(...args);
    },
  };
});

let dir: string;
let store: Store;
let otherProcess: Store;
const apps: FastifyInstance[] = [];

const ROWS = [
  aggregateRow({}),
  aggregateRow({ theme: 'cns_access', positiveShare: 0.5 }),
  aggregateRow({ tumourGroup: 'breast', meanScore: -0.25 }),
  aggregateRow({ odsCode: 'RXX', period: '2024-04', n: 1 }),
];

const triangulated = (estimate: number): TriangulatedCell => ({
  odsCode: 'RBV',
  trustName: 'RBV TRUST',
  tumourGroup: 'sarcoma',
  theme: 'all',
  estimate,
  lower: estimate - 5,
  upper: estimate + 5,
  observed: true,
  respondents: 42,
  sources: ['cpes'],
  year: 2018,
});

async function api(maxBytes = 1024 * 1024): Promise<FastifyInstance> {
  const app = await buildApi({
    store,
    readiness: [],
    status: () => Promise.reject(new Error('status is not part of this test')),
    logger: pino({ level: 'silent' }),
    responseCache: { maxBytes, versionCheckMs: VERSION_CHECK_MS },
  });
  apps.push(app);
  return app;
}

/** The /v1/scores route as it was before answers were cached: the handler's object, serialised by fastify. */
async function uncachedScoresApp(): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get(
    '/v1/scores',
    { schema: { querystring: scoreQuery, response: { 200: z.object({ items: z.array(scoreView) }) } } },
    async (request) => {
      const rows = await store.listAggregates(request.query);
      return { items: rows.map(({ computedAt: _computedAt, ...row }) => row) };
    },
  );
  apps.push(app);
  return app;
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

/** Scores for RBV in twelve months: an answer over MIN_GZIP_BYTES. */
const storeTwelveMonthsOfRbv = () =>
  store.replaceAggregates(
    Array.from({ length: 12 }, (_, i) => aggregateRow({ period: `2024-${String(i + 1).padStart(2, '0')}` })),
    [],
  );

/** A bare route answering RBV's scores through its own cache of `maxBytes`, so the cache can be read. */
function rbvScoresApp(maxBytes: number): { answers: CachedAnswers; app: FastifyInstance } {
  const answers = CachedAnswers.forStore(store, { maxBytes, versionCheckMs: VERSION_CHECK_MS });
  const app = Fastify();
  apps.push(app);
  app.get('/v1/scores', (request, reply) =>
    answers.send(request, reply, {
      dataset: 'aggregates',
      serialise: JSON.stringify,
      compute: () => store.listAggregates({ odsCode: 'RBV' }),
    }),
  );
  return { answers, app };
}

/** Long enough that the next request must re-read the data versions. */
const pastTheStalenessBound = () => new Promise((resolve) => setTimeout(resolve, VERSION_CHECK_MS + 50));

beforeEach(async () => {
  zlibCalls.gzip = 0;
  zlibCalls.fail = false;
  dir = mkdtempSync(join(tmpdir(), 'carevoice-response-cache-'));
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  otherProcess = await openStore({ sqlitePath: join(dir, 'store.db') });
  await store.replaceAggregates(ROWS, []);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await store?.close();
  await otherProcess?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cached /v1/scores', () => {
  it('answers a repeat from the cache with the same bytes as the uncached route', async () => {
    const app = await api();
    const reference = await get(await uncachedScoresApp(), '/v1/scores?odsCode=RBV');
    const reads = vi.spyOn(store, 'listAggregates');
    const first = await get(app, '/v1/scores?odsCode=RBV');
    // The same query written in another order is the same answer.
    const second = await get(app, '/v1/scores?odsCode=RBV&theme=all&tumourGroup=all');
    const third = await get(app, '/v1/scores?tumourGroup=all&odsCode=RBV&theme=all');
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe(reference.body);
    expect(first.headers['content-type']).toBe(reference.headers['content-type']);
    expect(JSON.parse(first.body).items).toHaveLength(3);
    expect(third.body).toBe(second.body);
    expect(JSON.parse(third.body).items).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('answers 304 to a re-poll with the ETag, and 200 to another tag', async () => {
    const app = await api();
    const first = await get(app, '/v1/scores?odsCode=RBV');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get(app, '/v1/scores?odsCode=RBV', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const weak = await get(app, '/v1/scores?odsCode=RBV', { 'if-none-match': `"other", W/${etag}` });
    expect(weak.statusCode).toBe(304);
    const other = await get(app, '/v1/scores?odsCode=RBV', { 'if-none-match': '"other"' });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
    // Another query has another body, so another tag.
    expect((await get(app, '/v1/scores?odsCode=RXX')).headers.etag).not.toBe(etag);
  });

  it('serves the new scores once another process has written aggregates and the bound has passed', async () => {
    const app = await api();
    const before = await get(app, '/v1/scores?odsCode=RBV');
    const changed = ROWS.map((r) => ({ ...r, n: r.n + 10 }));
    await otherProcess.replaceAggregates(changed, []);
    await pastTheStalenessBound();
    const after = await get(app, '/v1/scores?odsCode=RBV', { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(JSON.parse(after.body).items.map((i: { n: number }) => i.n)).toEqual([13, 13, 13]);
    expect(after.body).toBe((await get(await uncachedScoresApp(), '/v1/scores?odsCode=RBV')).body);
  });

  it('sends the same answer gzip-coded to a client that accepts it, under its own ETag', async () => {
    await storeTwelveMonthsOfRbv();
    const app = await api();
    const reads = vi.spyOn(store, 'listAggregates');
    const plain = await get(app, '/v1/scores?odsCode=RBV');
    expect(plain.body.length).toBeGreaterThanOrEqual(MIN_GZIP_BYTES);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const coded = await get(app, '/v1/scores?odsCode=RBV', { 'accept-encoding': 'gzip, deflate, br' });
    expect(coded.statusCode).toBe(200);
    expect(coded.headers['content-encoding']).toBe('gzip');
    expect(coded.headers.vary).toBe('accept-encoding');
    expect(coded.headers['content-type']).toBe(plain.headers['content-type']);
    expect(coded.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(gunzipSync(coded.rawPayload).toString('utf8')).toBe(plain.body);
    expect(reads).toHaveBeenCalledTimes(1);
    // Each coding revalidates against its own tag only.
    const codedTag = coded.headers.etag as string;
    expect(codedTag).not.toBe(plain.headers.etag);
    const gzipHeaders = { 'accept-encoding': 'gzip', 'if-none-match': codedTag };
    const notModified = await get(app, '/v1/scores?odsCode=RBV', gzipHeaders);
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers.etag).toBe(codedTag);
    expect(notModified.headers.vary).toBe('accept-encoding');
    expect(notModified.headers['content-encoding']).toBeUndefined();
    expect(notModified.rawPayload.length).toBe(0);
    // HEAD describes the coded answer without sending it.
    const head = await app.inject({
      method: 'HEAD',
      url: '/v1/scores?odsCode=RBV',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(String(coded.rawPayload.length));
    expect(head.rawPayload.length).toBe(0);
    const plainWithCodedTag = await get(app, '/v1/scores?odsCode=RBV', { 'if-none-match': codedTag });
    expect(plainWithCodedTag.statusCode).toBe(200);
    expect(plainWithCodedTag.body).toBe(plain.body);
    // A client refusing gzip gets the bytes as they are.
    const refused = await get(app, '/v1/scores?odsCode=RBV', { 'accept-encoding': 'gzip;q=0, *' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(plain.body);
  });

  it('sends an answer under a kilobyte without a coding, whatever the client accepts', async () => {
    const app = await api();
    const plain = await get(app, '/v1/scores?odsCode=RXX');
    const small = await get(app, '/v1/scores?odsCode=RXX', { 'accept-encoding': 'gzip' });
    expect(small.rawPayload.length).toBeLessThan(MIN_GZIP_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.etag).toBe(plain.headers.etag);
    expect(small.headers.vary).toBe('accept-encoding');
    expect(small.body).toBe(plain.body);
  });

  it('compresses an answer once, while it is cached, and counts both codings against the bound', async () => {
    await storeTwelveMonthsOfRbv();
    const { answers, app } = rbvScoresApp(1024 * 1024);
    const plain = await get(app, '/v1/scores');
    const plainBytes = answers.bytes;
    expect(plainBytes).toBeGreaterThanOrEqual(plain.rawPayload.length);
    const [first, second] = await Promise.all([
      get(app, '/v1/scores', { 'accept-encoding': 'gzip' }),
      get(app, '/v1/scores', { 'accept-encoding': 'gzip' }),
    ]);
    const bothBytes = answers.bytes;
    const third = await get(app, '/v1/scores', { 'accept-encoding': 'gzip' });
    expect(zlibCalls.gzip).toBe(1);
    expect(second?.rawPayload.equals(first?.rawPayload as Buffer)).toBe(true);
    expect(third.rawPayload.equals(first?.rawPayload as Buffer)).toBe(true);
    expect(third.headers.etag).toBe(first?.headers.etag);
    // The coded copy is kept once, beside the plain bytes, and counted.
    expect(bothBytes).toBeGreaterThanOrEqual(plainBytes + (first?.rawPayload.length ?? 0));
    expect(answers.bytes).toBe(bothBytes);
  });

  it('keeps the plain answer alone when both codings would pass the bound', async () => {
    await storeTwelveMonthsOfRbv();
    const probe = rbvScoresApp(1024 * 1024);
    await get(probe.app, '/v1/scores');
    const { answers, app } = rbvScoresApp(probe.answers.bytes + 10);
    const reads = vi.spyOn(store, 'listAggregates');
    const plain = await get(app, '/v1/scores');
    // The requests waiting on the one compression get the plain bytes under their tag, as later ones do.
    const waiting = await Promise.all([1, 2].map(() => get(app, '/v1/scores', { 'accept-encoding': 'gzip' })));
    for (let i = 0; i < 2; i++) waiting.push(await get(app, '/v1/scores', { 'accept-encoding': 'gzip' }));
    for (const answer of waiting) {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.etag).toBe(plain.headers.etag);
      expect(answer.body).toBe(plain.body);
    }
    expect(reads).toHaveBeenCalledTimes(1);
    expect(zlibCalls.gzip).toBe(1);
    expect(answers.bytes).toBe(probe.answers.bytes);
  });

  it('sends the plain bytes when zlib fails, and does not try again for that answer', async () => {
    await storeTwelveMonthsOfRbv();
    const { app } = rbvScoresApp(1024 * 1024);
    const plain = await get(app, '/v1/scores');
    zlibCalls.fail = true;
    for (let i = 0; i < 2; i++) {
      const answer = await get(app, '/v1/scores', { 'accept-encoding': 'gzip' });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.etag).toBe(plain.headers.etag);
      expect(answer.body).toBe(plain.body);
    }
    expect(zlibCalls.gzip).toBe(1);
  });

  it('sends an answer it cannot keep as it is, rather than compress it for every request', async () => {
    await storeTwelveMonthsOfRbv();
    const app = await api(0);
    const answer = await get(app, '/v1/scores?odsCode=RBV', { 'accept-encoding': 'gzip' });
    expect(answer.statusCode).toBe(200);
    expect(answer.rawPayload.length).toBeGreaterThanOrEqual(MIN_GZIP_BYTES);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(answer.body).items).toHaveLength(12);
  });

  it('keeps no answer larger than its memory bound, and still answers correctly', async () => {
    const app = await api(64);
    const reads = vi.spyOn(store, 'listAggregates');
    const first = await get(app, '/v1/scores?odsCode=RBV');
    const second = await get(app, '/v1/scores?odsCode=RBV');
    expect(first.body.length).toBeGreaterThan(64);
    expect(second.body).toBe(first.body);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});

describe('cached /v1/triangulation', () => {
  it('caches pages and the summary until another process replaces the triangulation', async () => {
    await store.replaceTriangulation([triangulated(80)], [], '2025-06-01T02:00:00.000Z');
    const app = await api();
    const pages = vi.spyOn(store, 'listTriangulation');
    const summaries = vi.spyOn(store, 'listTriangulationSummary');
    const summary = await get(app, '/v1/triangulation/summary');
    expect((await get(app, '/v1/triangulation/summary')).body).toBe(summary.body);
    expect(summaries).toHaveBeenCalledTimes(1);
    const first = await get(app, '/v1/triangulation?odsCode=RBV');
    expect(JSON.parse(first.body).items[0].estimate).toBe(80);
    expect((await get(app, '/v1/triangulation?odsCode=RBV&limit=100')).body).toBe(first.body);
    expect(pages).toHaveBeenCalledTimes(1);
    // An aggregate write leaves cached triangulation answers alone.
    await otherProcess.replaceAggregates(ROWS, []);
    await pastTheStalenessBound();
    expect((await get(app, '/v1/triangulation?odsCode=RBV')).body).toBe(first.body);
    expect(pages).toHaveBeenCalledTimes(1);
    await otherProcess.replaceTriangulation([triangulated(60)], [], '2025-07-01T02:00:00.000Z');
    await pastTheStalenessBound();
    expect(JSON.parse((await get(app, '/v1/triangulation?odsCode=RBV')).body).items[0].estimate).toBe(60);
    expect(pages).toHaveBeenCalledTimes(2);
  });

  it('still answers 400 to a forged cursor', async () => {
    const app = await api();
    const forged = await get(app, '/v1/triangulation?after=bm90LWEtY3Vyc29y');
    expect(forged.statusCode).toBe(400);
    expect(JSON.parse(forged.body).error).toBe('bad_request');
  });
});
