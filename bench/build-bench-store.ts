/**
 * Builds (or checks) the kept bench stores that bench-api.ts and bench-export.ts reuse with --keep:
 * N analysed sample comments, CPES 2018 imported, aggregates and triangulation computed.
 *
 *   tsx bench/build-bench-store.ts [--comments 1000000] [--stores sqlite,postgres] [--drop]
 *
 * Stores live in $CAREVOICE_BENCH_STORES (default <tmpdir>/carevoice-bench-stores) and PostgreSQL
 * schemas `carevoice_bench_sample_<N>`; --drop removes them instead.
 */
import { parseArgs } from 'node:util';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import { benchStoreKinds, benchStoreLocation, dropBenchStore, ensureBenchStores } from './support/bench-store.js';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '1000000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    drop: { type: 'boolean', default: false },
  },
});
const postgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const kinds = benchStoreKinds(args.stores);
const locations = kinds.map((kind) => benchStoreLocation(kind, Number(args.comments), postgresUrl));
if (args.drop) {
  for (const location of locations) await dropBenchStore(location, postgresUrl);
} else {
  const started = performance.now();
  const reports = await ensureBenchStores(locations, {
    reuse: true,
    postgresUrl,
    analyse: loadAnalyser(),
    progress: (done) => {
      if (done % 100_000 === 0) process.stderr.write(`  built ${done.toLocaleString('en-GB')} comments\n`);
    },
  });
  for (const report of reports) console.log(JSON.stringify(report));
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}
