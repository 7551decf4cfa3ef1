/**
 * Store write and read throughput, SQLite and PostgreSQL side by side: upserting synthetic comments
 * in process-stage batches (first insert, identical re-ingest, changed update), then counting
 * aggregates and paging through the listing.
 *
 *   tsx bench/bench-storage.ts [--rows 20000] [--batch 500] [--store sqlite|postgres] [--json]
 *
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a throwaway schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { ProcessedComment } from '../src/domain/model.js';
import { openStore } from '../src/storage/open-store.js';
import { openPostgres } from '../src/storage/postgres/open-postgres.js';
import type { Store } from '../src/storage/store.js';
import { syntheticComments } from './support/synthetic-comments.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    /** Bench one store only; both by default. */
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const BATCH = Number(args.batch);
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Figure {
  store: string;
  phase: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

async function timeBatches(store: Store, comments: ProcessedComment[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < comments.length; i += BATCH) await store.upsertComments(comments.slice(i, i + BATCH));
  return (performance.now() - started) / 1000;
}

async function measure(name: string, store: Store): Promise<Figure[]> {
  const comments = syntheticComments(ROWS, 42);
  const changed = comments.map((c) => ({
    ...c,
    text: `${c.text} (edited)`,
    sentiment: { label: 'neutral' as const, score: 0 },
  }));
  const figures: Figure[] = [];
  const add = (phase: string, rows: number, seconds: number) =>
    figures.push({ store: name, phase, rows, seconds, rowsPerSecond: rows / seconds });
  add(`upsert insert (batch ${BATCH})`, ROWS, await timeBatches(store, comments));
  add(`upsert unchanged (batch ${BATCH})`, ROWS, await timeBatches(store, comments));
  add(`upsert update (batch ${BATCH})`, ROWS, await timeBatches(store, changed));
  let started = performance.now();
  const cells = await store.countAggregates();
  add('countAggregates (cells)', cells.length, (performance.now() - started) / 1000);
  started = performance.now();
  let listed = 0;
  let after: string | null = null;
  do {
    const page = await store.listComments({}, { limit: 500, after });
    listed += page.items.length;
    after = page.next;
  } while (after);
  add('listComments (500/page)', listed, (performance.now() - started) / 1000);
  return figures;
}

async function benchSqlite(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'carevoice-bench-'));
  const store = await openStore({ sqlitePath: join(dir, 'bench.db') });
  try {
    return await measure('sqlite', store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<Figure[]> {
  const schema = `carevoice_bench_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl: DATABASE_URL, sqlitePath: 'unused', postgresSchema: schema });
  try {
    return await measure('postgres', store);
  } finally {
    await store.close();
    const admin = await openPostgres({ connectionString: DATABASE_URL, poolSize: 1 });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.db.destroy();
  }
}

const figures: Figure[] = [];
const errors: Record<string, string> = {};
for (const [name, run] of [
  ['sqlite', benchSqlite],
  ['postgres', benchPostgres],
] as const) {
  if (args.store !== undefined && args.store !== name) continue;
  try {
    figures.push(...(await run()));
  } catch (error) {
    errors[name] = (error as Error).message;
  }
}

const header = ['store', 'phase', 'rows', 'seconds', 'rows/s'];
const table = figures.map((f) => [
  f.store,
  f.phase,
  String(f.rows),
  f.seconds.toFixed(3),
  Math.round(f.rowsPerSecond).toLocaleString('en-GB'),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
console.log(`Store throughput: ${ROWS} synthetic comments, batches of ${BATCH}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
for (const [name, message] of Object.entries(errors)) console.log(`${name}: FAILED: ${message}`);
if (args.json) console.log(JSON.stringify({ rows: ROWS, batch: BATCH, figures, errors }));
process.exitCode = Object.keys(errors).length > 0 ? 1 : 0;
