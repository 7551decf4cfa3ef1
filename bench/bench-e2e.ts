/**
 * End-to-end throughput: sample source → collect (this process) → process (spawned `carevoice
 * worker process` children) → store, with SQLite and PostgreSQL, for 1, 2 and 4 workers; beside it,
 * the in-process analyse pass over the same comments and the ratio of the two. Every run gets a
 * fresh Redis prefix and a fresh store, removed afterwards.
 *
 *   tsx bench/bench-e2e.ts [--sizes 10000,100000] [--stores sqlite,postgres] [--workers 1,2,4]
 *                          [--page-size 1000] [--batch N] [--concurrency N] [--profile DIR] [--json]
 *                          [--built] [--node-flags="--max-old-space-size=1024 ..."] [--memory-log DIR]
 *
 * REDIS_URL (default redis://127.0.0.1:6379); DATABASE_URL for PostgreSQL (default
 * postgres://postgres@127.0.0.1:5432/test), used in a throwaway schema.
 */
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import { analysePassRate } from './e2e/analyse-pass.js';
import { type RunFigures, runEndToEnd, sampleSettings } from './e2e/one-run.js';

const { values: args } = parseArgs({
  options: {
    /** Comment counts; 1,000,000 is opt-in (it takes minutes). */
    sizes: { type: 'string', default: '10000,100000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    workers: { type: 'string', default: '1,2,4' },
    /** Sample comments per collect page. */
    'page-size': { type: 'string', default: '1000' },
    /** Comments per process job; the configuration's default when omitted. */
    batch: { type: 'string' },
    /** Process jobs per worker at once; the configuration's default when omitted. */
    concurrency: { type: 'string' },
    /** Write each worker's V8 CPU profile (--cpu-prof) into this folder. */
    profile: { type: 'string' },
    /** Run the workers from the built CLI (`npm run build`) instead of the sources through tsx. */
    built: { type: 'boolean', default: false },
    /**
     * Node flags for the workers, space-separated: by default the heap cap the Docker image sets
     * (NODE_OPTIONS in the Dockerfile), so the figures are the production worker's;
     * `--node-flags=` gives V8's own defaults.
     */
    'node-flags': { type: 'string', default: '--max-old-space-size=1024' },
    /** Sample each worker's memory every second into DIR/<store>-<workers>-<comments>.jsonl and report peaks. */
    'memory-log': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const numbers = (value: string) => list(value).map(Number);
const sizes = numbers(args.sizes);
const stores = list(args.stores) as ('sqlite' | 'postgres')[];
const workerCounts = numbers(args.workers);
const pageSize = Number(args['page-size']);
for (const store of stores) if (store !== 'sqlite' && store !== 'postgres') throw new Error(`unknown store ${store}`);
const extraNodeFlags = args['node-flags'].split(' ').filter(Boolean);
const memoryLogDir = args['memory-log'] === undefined ? undefined : resolve(args['memory-log']);
if (memoryLogDir) mkdirSync(memoryLogDir, { recursive: true });
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row extends RunFigures {
  analysePerSecond: number;
  ratio: number;
  perCpuSecond: number;
  analysePerCpuSecond: number;
  cpuRatio: number;
  ok: boolean;
}

const analyse = loadAnalyser();
const rows: Row[] = [];
const errors: { store: string; workers: number; comments: number; message: string }[] = [];
for (const comments of sizes) {
  const analysed = await analysePassRate(analyse, sampleSettings({ comments, pageSize }));
  const analysePerSecond = analysed.perSecond;
  for (const store of stores) {
    for (const workers of workerCounts) {
      try {
        const figures = await runEndToEnd({
          store,
          comments,
          workers,
          pageSize,
          batchSize: args.batch === undefined ? undefined : Number(args.batch),
          concurrency: args.concurrency === undefined ? undefined : Number(args.concurrency),
          redisUrl,
          postgresUrl,
          nodeFlags: [...extraNodeFlags, ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])],
          built: args.built,
          memoryLog: memoryLogDir ? join(memoryLogDir, `${store}-${workers}-${comments}.jsonl`) : undefined,
          timeoutMs: Math.max(120_000, comments * 5),
        });
        const ok = figures.stored === comments && figures.failedJobs === 0;
        const perCpuSecond = comments / figures.cpuSeconds;
        rows.push({
          ...figures,
          analysePerSecond,
          ratio: figures.perSecond / analysePerSecond,
          perCpuSecond,
          analysePerCpuSecond: analysed.perCpuSecond,
          cpuRatio: perCpuSecond / analysed.perCpuSecond,
          ok,
        });
        if (!args.json)
          process.stderr.write(`  ${store} ×${workers} ${comments}: ${Math.round(figures.perSecond)}/s\n`);
      } catch (error) {
        errors.push({ store, workers, comments, message: (error as Error).message });
      }
    }
  }
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
const header = [
  'store',
  'workers',
  'comments',
  'seconds',
  'comments/s',
  'analyse/s',
  'e2e÷analyse',
  'CPU s',
  'per CPU-s',
  'analyse per CPU-s',
  'CPU ratio',
  'collect s',
  'worker RSS MB',
  'collector RSS MB',
  'Redis +MB',
  'max waiting',
  'retried',
  'check',
];
const table = rows.map((r) => [
  r.store,
  String(r.workers),
  fmt(r.comments),
  fmt(r.seconds, 2),
  fmt(r.perSecond),
  fmt(r.analysePerSecond),
  fmt(r.ratio, 2),
  fmt(r.cpuSeconds),
  fmt(r.perCpuSecond),
  fmt(r.analysePerCpuSecond),
  fmt(r.cpuRatio, 2),
  fmt(r.collectSeconds, 2),
  fmt(Math.max(...r.workerPeakRssMb)),
  fmt(r.collectorRssMb),
  fmt(r.redisGrowthMb, 1),
  fmt(r.maxWaitingJobs),
  fmt(r.retriedAttempts),
  r.ok ? 'ok' : `stored ${r.stored}, failed ${r.failedJobs}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
const machine = { nproc: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(
  `End to end: sample → collect → process → store (${machine.nproc} cores, ${machine.memoryGb} GB, Node ${machine.node}; ` +
    `page ${pageSize}, batch ${args.batch ?? 'default'}, concurrency ${args.concurrency ?? 'default'}; ` +
    `workers ${args.built ? 'built' : 'from sources (tsx)'}${extraNodeFlags.length ? ` ${extraNodeFlags.join(' ')}` : ''})`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
console.log(
  'worker RSS: highest VmHWM among the workers; Redis +MB: peak used_memory above the level before the run; ' +
    'retried: job attempts that failed and were retried;\n' +
    'CPU s: CPU time of the workers and the collecting process during the run; per CPU-s: comments per ' +
    'second of it; analyse per CPU-s: the in-process pass per second of CPU; CPU ratio: the two rates',
);
if (memoryLogDir) {
  console.log('\nWorker memory, highest sample among the workers (process.memoryUsage every second), MB:');
  const memoryHeader = ['store', 'workers', 'comments', 'RSS', 'heap total', 'heap used', 'external', 'array buffers'];
  const memoryRows = rows.map((r) => {
    const m = r.workerMemoryMb;
    return [
      r.store,
      String(r.workers),
      fmt(r.comments),
      ...(m ? [m.rss, m.heapTotal, m.heapUsed, m.external, m.arrayBuffers].map((v) => fmt(v)) : []),
    ];
  });
  const memoryWidths = memoryHeader.map((h, i) =>
    Math.max(h.length, ...memoryRows.map((row) => (row[i] ?? '').length)),
  );
  const memoryLine = (cells: string[]) =>
    cells.map((c, i) => (i < 1 ? c.padEnd(memoryWidths[i]!) : c.padStart(memoryWidths[i]!))).join('  ');
  console.log(memoryLine(memoryHeader));
  for (const row of memoryRows) console.log(memoryLine(row));
}
for (const e of errors) console.log(`${e.store} ×${e.workers} ${e.comments}: FAILED: ${e.message.split('\n')[0]}`);
if (args.json) console.log(JSON.stringify({ machine, pageSize, batch: args.batch ?? null, rows, errors }));
process.exitCode = errors.length > 0 || rows.some((r) => !r.ok) ? 1 : 0;
