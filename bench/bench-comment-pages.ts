/**
 * Where a comments page's time goes, one request at a time: the analyst's comments pages (as
 * bench-api.ts asks for them) answered by the API in this process through fastify's `inject`, with
 * the store's work timed inside each request: `listComments` (Kysely building the statement, SQLite
 * running it, rows mapped to comments). What is left is routing, validation, the API key guard (which
 * asks the store about keys once per version of them, not per request), the
 * response schema's serialiser and the reply, without sockets or HTTP parsing (`inject`), so the
 * rate is an upper bound for one process. No load generator shares the cores; under C clients one
 * process queues about C times a page's time.
 *
 *   tsx bench/bench-comment-pages.ts [--comments 100000] [--stores sqlite,postgres] [--requests 1000] [--keep] [--json]
 *
 * The bench store is the one bench-api.ts builds (--keep reuses a complete one, and leaves it).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApi } from '../src/api/server.js';
import { formatTable } from '../src/cli/table.js';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import type { Store } from '../src/storage/store.js';
import { analystRequests } from './api/analyst-requests.js';
import {
  type BenchStoreKind,
  benchStoreKinds,
  benchStoreLocation,
  dropBenchStore,
  ensureBenchStores,
  openBenchStore,
} from './support/bench-store.js';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '100000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    requests: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const comments = Number(args.comments);
const requests = Number(args.requests);
const kinds = benchStoreKinds(args.stores);
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const WARM_UP = 50;

interface Row {
  store: BenchStoreKind;
  request: string;
  path: string;
  pageMs: number;
  listCommentsMs: number;
  restMs: number;
  pagesPerSecond: number;
  kbPerPage: number;
}

/** Replaces one of the store's methods by itself timed: total milliseconds spent in it so far. */
function timed<M extends 'listComments'>(store: Store, method: M): () => number {
  let spent = 0;
  const original = store[method].bind(store) as (...parameters: unknown[]) => Promise<unknown>;
  store[method] = (async (...parameters: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...parameters);
    } finally {
      spent += performance.now() - started;
    }
  }) as Store[M];
  return () => spent;
}

const locations = kinds.map((kind) => benchStoreLocation(kind, comments, postgresUrl));
await ensureBenchStores(locations, { reuse: args.keep, postgresUrl, analyse: loadAnalyser() });
const rows: Row[] = [];
try {
  for (const location of locations) {
    const store = await openBenchStore(location, postgresUrl);
    const app = await buildApi({
      store,
      readiness: [],
      status: () => Promise.reject(new Error('not part of this bench')),
      logger: pino({ level: 'silent' }),
      // One client asking thousands of times: the per-client limit would answer 429.
      auth: { maxPerMinute: 1_000_000_000 },
    });
    try {
      const pages = (await analystRequests(store)).filter((r) => r.path.startsWith('/v1/comments'));
      const listing = timed(store, 'listComments');
      for (const page of pages) {
        let bytes = 0;
        const ask = async () => {
          const answer = await app.inject({ url: page.path });
          if (answer.statusCode !== 200) throw new Error(`${page.path} answered ${answer.statusCode}: ${answer.body}`);
          bytes += answer.rawPayload.length;
        };
        for (let i = 0; i < WARM_UP; i++) await ask();
        bytes = 0;
        const listingBefore = listing();
        const started = performance.now();
        for (let i = 0; i < requests; i++) await ask();
        const pageMs = (performance.now() - started) / requests;
        const listCommentsMs = (listing() - listingBefore) / requests;
        rows.push({
          store: location.kind,
          request: page.name,
          path: page.path,
          pageMs,
          listCommentsMs,
          restMs: pageMs - listCommentsMs,
          pagesPerSecond: 1000 / pageMs,
          kbPerPage: bytes / requests / 1024,
        });
      }
    } finally {
      await app.close();
      await store.close();
    }
  }
} finally {
  if (!args.keep) for (const location of locations) await dropBenchStore(location, postgresUrl);
}

if (args.json) {
  console.log(JSON.stringify({ comments, requests, rows }, null, 2));
} else {
  console.log(
    `Comments pages one at a time: ${requests} requests each after ${WARM_UP} to warm up, store of ` +
      `${comments.toLocaleString('en-GB')} comments (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version})`,
  );
  console.log(
    formatTable(
      ['store', 'request', 'ms/page', 'listComments ms', 'rest ms', 'pages/s', 'KB/page'],
      rows.map((r) => [
        r.store,
        r.request,
        r.pageMs.toFixed(2),
        r.listCommentsMs.toFixed(2),
        r.restMs.toFixed(2),
        Math.round(r.pagesPerSecond),
        Math.round(r.kbPerPage),
      ]),
    ),
  );
}
