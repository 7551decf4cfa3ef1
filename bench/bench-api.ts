/**
 * API latency under load: a store of N analysed sample comments (built straight through the store's
 * batch upsert, with CPES imported, aggregates and triangulation computed), the real API process
 * (`carevoice api`) in front of it, and autocannon driving each analyst request with C concurrent
 * clients. SQLite and PostgreSQL.
 *
 *   tsx bench/bench-api.ts [--comments 100000] [--stores sqlite,postgres] [--connections 50]
 *                          [--seconds 10] [--keep] [--api-key] [--json]
 *
 * --api-key runs the API as a deployment with keys does: a key is created before it starts and sent
 * with every request (checked, and counted against the rate limit in Redis); it is deleted afterwards.
 * --keep leaves the built stores for the next run (and reuses complete ones left by an earlier run);
 * without it they are built fresh and removed afterwards. REDIS_URL (default redis://127.0.0.1:6379)
 * for the API's readiness check; DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/table.js';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import { analystRequests } from './api/analyst-requests.js';
import { addBenchApiKey, type BenchApiKey, removeBenchApiKeys } from './api/bench-api-key.js';
import { type LoadFigures, loadEndpoint } from './api/load-endpoint.js';
import {
  type BenchStoreKind,
  benchStoreKinds,
  benchStoreLocation,
  dropBenchStore,
  ensureBenchStores,
  openBenchStore,
} from './support/bench-store.js';
import { startCli } from './support/cli-process.js';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '100000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    'api-key': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const comments = Number(args.comments);
const connections = Number(args.connections);
const seconds = Number(args.seconds);
const kinds = benchStoreKinds(args.stores);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row extends LoadFigures {
  store: BenchStoreKind;
  comments: number;
  request: string;
  path: string;
}

const locations = kinds.map((kind) => benchStoreLocation(kind, comments, postgresUrl));
const started = performance.now();
const builds = await ensureBenchStores(locations, {
  reuse: args.keep,
  postgresUrl,
  analyse: loadAnalyser(),
  progress: (done) => {
    if (done % 100_000 === 0) log(`  built ${done.toLocaleString('en-GB')} comments`);
  },
});
const buildSeconds = (performance.now() - started) / 1000;

const rows: Row[] = [];
const apiPeakRssMb: Record<string, number | undefined> = {};
try {
  for (const location of locations) {
    const store = await openBenchStore(location, postgresUrl);
    const requests = await analystRequests(store).finally(() => store.close());
    // A key left by a run stopped before it could delete it would answer 401 to a run without one.
    await removeBenchApiKeys(location, postgresUrl);
    const key: BenchApiKey | undefined = args['api-key'] ? await addBenchApiKey(location, postgresUrl) : undefined;
    try {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const api = startCli(['api', '--port', String(port)], {
        location,
        redisUrl,
        overlay: {
          redis: { prefix: `{cvbench-api-${randomBytes(4).toString('hex')}}`, startLocal: false },
          // The per-client limit (120 a minute) would answer 429 to a load test from one address.
          api: { rateLimitPerMinute: 1_000_000_000 },
        },
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        for (let attempt = 0; ; attempt++) {
          const ready = await fetch(`${base}/health/ready`).then(
            (r) => r.ok,
            () => false,
          );
          if (ready) break;
          if (api.child.exitCode !== null || attempt > 600) throw new Error(`the API did not start:\n${api.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        for (const request of requests) {
          const headers = { ...request.headers, ...key?.headers };
          const check = await fetch(`${base}${request.path}`, { headers });
          if (!check.ok) throw new Error(`${request.path} answered ${check.status}: ${await check.text()}`);
          const figures = await loadEndpoint(`${base}${request.path}`, connections, seconds, headers);
          rows.push({ store: location.kind, comments, request: request.name, path: request.path, ...figures });
          log(
            `  ${location.kind} ${request.name}: p99 ${figures.p99Ms} ms, ${Math.round(figures.requestsPerSecond)}/s`,
          );
        }
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
        apiPeakRssMb[location.kind] = api.peakRssMb();
        api.cleanup();
      }
    } finally {
      await key?.remove();
    }
  }
} finally {
  if (!args.keep) for (const location of locations) await dropBenchStore(location, postgresUrl);
}

const machine = { nproc: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(
  `API under load: ${connections} clients, ${seconds} s per request, store of ${comments.toLocaleString('en-GB')} ` +
    `comments${args['api-key'] ? ', every request with an API key' : ''} (${machine.nproc} cores, ${machine.memoryGb} GB, Node ${machine.node})`,
);
console.log(
  formatTable(
    ['store', 'request', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'KB/answer', 'not 2xx'],
    rows.map((r) => [
      r.store,
      r.request,
      Math.round(r.requestsPerSecond),
      r.p50Ms,
      r.p90Ms,
      r.p99Ms,
      r.maxMs,
      Math.round(r.meanBytes / 1024),
      r.non2xx + r.errors,
    ]),
  ),
);
for (const [kind, mb] of Object.entries(apiPeakRssMb))
  console.log(`API process peak RSS (${kind}): ${mb?.toFixed(0)} MB`);
for (const build of builds)
  console.log(
    build.reused
      ? `${build.kind} store: reused (built by an earlier --keep run)`
      : `${build.kind} store: upserts ${build.upsertSeconds.toFixed(1)} s, CPES import + aggregate + triangulate ${build.finishSeconds.toFixed(1)} s`,
  );
console.log(
  `build (analysis included): ${buildSeconds.toFixed(1)} s; the load generator shares the machine with the API`,
);
if (args.json) {
  const apiKey = args['api-key'];
  console.log(JSON.stringify({ bench: 'api', machine, connections, seconds, apiKey, builds, apiPeakRssMb, rows }));
}
process.exitCode = rows.some((r) => r.non2xx + r.errors > 0) ? 1 : 0;
