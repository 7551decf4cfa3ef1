/**
 * `npm run bench`: the benchmark set in one command. Runs, one after another (never at once, so one
 * does not slow the other): end-to-end throughput (bench-e2e.ts), API latency under load
 * (bench-api.ts) and the nightly export (bench-export.ts), prints each table as it comes, and with
 * --json ends with one JSON object holding every figure. The defaults finish in a few minutes on
 * 2 cores; the flags scale each part up (see docs/BENCHMARKS.md).
 *
 *   tsx bench/bench.ts [--e2e-sizes 10000] [--e2e-stores sqlite,postgres] [--workers 2]
 *                      [--api-comments 100000] [--api-stores sqlite,postgres] [--connections 50] [--seconds 5]
 *                      [--export-sizes 10000,100000] [--only e2e,api,export] [--keep] [--json]
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/config/paths.js';
import { type BenchStoreKind, benchStoreLocation, dropBenchStore } from './support/bench-store.js';

const { values: args } = parseArgs({
  options: {
    'e2e-sizes': { type: 'string', default: '10000' },
    'e2e-stores': { type: 'string', default: 'sqlite,postgres' },
    workers: { type: 'string', default: '2' },
    'api-comments': { type: 'string', default: '100000' },
    'api-stores': { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    'export-sizes': { type: 'string', default: '10000,100000' },
    only: { type: 'string', default: 'e2e,api,export' },
    /** Keep the API and export bench stores (and reuse kept ones) instead of removing them at the end. */
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const parts = new Set(args.only.split(','));

/** Runs one bench script with --json: its table goes straight to stdout, its last line is returned parsed. */
function runPart(script: string, partArgs: string[]): Promise<{ code: number | null; figures: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, join(packageRoot(), 'bench', script), ...partArgs, '--json'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const lines = out.trimEnd().split('\n');
      const last = lines.pop() ?? '';
      let figures: unknown = null;
      try {
        figures = JSON.parse(last);
      } catch {
        lines.push(last);
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
      resolve({ code, figures });
    });
  });
}

const results: Record<string, unknown> = {};
let failed = false;
const keep = args.keep ? ['--keep'] : [];
if (parts.has('e2e')) {
  const run = await runPart('bench-e2e.ts', [
    '--sizes',
    args['e2e-sizes'],
    '--stores',
    args['e2e-stores'],
    '--workers',
    args.workers,
  ]);
  results['e2e'] = run.figures;
  failed ||= run.code !== 0;
}
// The API and export parts share their stores: built once (kept between the two), removed at the end.
const built: { kind: BenchStoreKind; comments: number }[] = [];
try {
  if (parts.has('api')) {
    const run = await runPart('bench-api.ts', [
      '--comments',
      args['api-comments'],
      '--stores',
      args['api-stores'],
      '--connections',
      args.connections,
      '--seconds',
      args.seconds,
      '--keep',
    ]);
    for (const kind of args['api-stores'].split(','))
      built.push({ kind: kind as BenchStoreKind, comments: Number(args['api-comments']) });
    results['api'] = run.figures;
    failed ||= run.code !== 0;
  }
  if (parts.has('export')) {
    const run = await runPart('bench-export.ts', ['--sizes', args['export-sizes'], '--stores', 'sqlite', '--keep']);
    for (const size of args['export-sizes'].split(',')) built.push({ kind: 'sqlite', comments: Number(size) });
    results['export'] = run.figures;
    failed ||= run.code !== 0;
  }
} finally {
  if (keep.length === 0)
    for (const { kind, comments } of built)
      await dropBenchStore(benchStoreLocation(kind, comments, postgresUrl), postgresUrl);
}
if (args.json) console.log(JSON.stringify(results));
process.exitCode = failed ? 1 : 0;
