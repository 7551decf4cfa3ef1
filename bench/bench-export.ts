/**
 * The nightly export at scale: `carevoice export --date D` (the real CLI, its own process) over a
 * bench store of N comments, timed, with the process's peak resident set over its whole life
 * (getrusage maxRSS, reported at exit). Sizes side by side show whether memory stays flat.
 *
 *   tsx bench/bench-export.ts [--sizes 10000,100000] [--stores sqlite] [--keep] [--json]
 *
 * --keep leaves the built stores for the next run and reuses complete ones (bench/build-bench-store.ts
 * builds them ahead); without it each is built fresh and removed afterwards.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/table.js';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import {
  type BenchStoreKind,
  benchStoreKinds,
  benchStoreLocation,
  dropBenchStore,
  ensureBenchStores,
} from './support/bench-store.js';
import { startCli } from './support/cli-process.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    stores: { type: 'string', default: 'sqlite' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const sizes = args.sizes.split(',').map(Number);
const kinds = benchStoreKinds(args.stores);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const EXPORT_DATE = '2026-11-01';

interface Row {
  store: BenchStoreKind;
  comments: number;
  seconds: number;
  peakRssMb: number;
  exportMb: number;
  /** Rows per dataset file, from the manifest. */
  files: Record<string, number>;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

const analyse = loadAnalyser();
const rows: Row[] = [];
for (const comments of sizes) {
  const locations = kinds.map((kind) => benchStoreLocation(kind, comments, postgresUrl));
  await ensureBenchStores(locations, { reuse: args.keep, postgresUrl, analyse });
  try {
    for (const location of locations) {
      const started = performance.now();
      const cli = startCli(['export', '--date', EXPORT_DATE, '--json'], { location, redisUrl });
      const code = await cli.exited;
      const seconds = (performance.now() - started) / 1000;
      try {
        if (code !== 0) throw new Error(`carevoice export exited with ${code}:\n${cli.output()}`);
        const summary = JSON.parse(cli.stdout().trim().split('\n').at(-1)!) as {
          exports: { path: string; manifest: { files: { name: string; rows: number }[] } }[];
        };
        const written = summary.exports[0]!;
        rows.push({
          store: location.kind,
          comments,
          seconds,
          peakRssMb: cli.peakRssMb() ?? Number.NaN,
          exportMb: folderBytes(written.path) / 2 ** 20,
          files: Object.fromEntries(written.manifest.files.map((file) => [file.name, file.rows])),
        });
        process.stderr.write(`  ${location.kind} ${comments}: ${seconds.toFixed(1)} s\n`);
      } finally {
        cli.cleanup();
      }
    }
  } finally {
    if (!args.keep) for (const location of locations) await dropBenchStore(location, postgresUrl);
  }
}

console.log(`Nightly export: carevoice export --date ${EXPORT_DATE}, one process per run`);
console.log(
  formatTable(
    ['store', 'comments', 'seconds', 'comments/s', 'peak RSS MB', 'export MB'],
    rows.map((r) => [
      r.store,
      r.comments,
      Number(r.seconds.toFixed(1)),
      Math.round(r.comments / r.seconds),
      Math.round(r.peakRssMb),
      Math.round(r.exportMb),
    ]),
  ),
);
console.log('peak RSS: getrusage maxRSS of the export process over its whole life (tsx start-up included)');
if (args.json) console.log(JSON.stringify({ bench: 'export', date: EXPORT_DATE, rows }));
