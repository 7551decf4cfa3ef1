/**
 * The process stage's store work (the duplicate decision and the upsert of one batch) of two
 * checkouts side by side in one process: batch after batch, each written to both checkouts' stores
 * in alternating order, so both see the same load on a shared machine. Comments are synthetic
 * (random SimHashes: no duplicates, so every lookup is a miss, as for most real comments).
 *
 *   tsx bench/compare-store-writes.ts --before DIR [--rows 40000] [--batch 200] [--store sqlite|postgres] [--json]
 *
 * DIR is another checkout of the repository with its dependencies installed, e.g.
 *   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in throwaway schemas.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { ProcessedComment } from '../src/domain/model.js';
import { openPostgres } from '../src/storage/postgres/open-postgres.js';
import { storedDedupeKeys, syntheticComments } from './support/synthetic-comments.js';

const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    rows: { type: 'string', default: '40000' },
    batch: { type: 'string', default: '200' },
    store: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
  },
});
if (!args.before) throw new Error('--before DIR is required (a checkout of the revision to compare with)');
if (args.store !== 'sqlite' && args.store !== 'postgres')
  throw new Error(`--store is sqlite or postgres, not ${args.store}`);
const ROWS = Number(args.rows);
const BATCH = Number(args.batch);
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEDUPE = { minLength: 40, maxHammingDistance: 3 };

type Keys = ReturnType<typeof storedDedupeKeys>;
// The two checkouts' modules, typed loosely: their signatures differ.
// biome-ignore lint/suspicious/noExplicitAny: each checkout has its own Store type
type AnyStore = any;
interface Checkout {
  name: string;
  openStore(options: object): Promise<AnyStore>;
  dedupeBatch(lookup: unknown, keys: Keys, options: typeof DEDUPE): Promise<Map<string, string | null>>;
}

async function load(name: string, root: string): Promise<Checkout> {
  const storeModule = await import(join(root, 'src/storage/open-store.ts'));
  const dedupeModule = await import(join(root, 'src/pipeline/process/dedupe-batch.ts'));
  return { name, openStore: storeModule.openStore, dedupeBatch: dedupeModule.dedupeBatch };
}

/**
 * One batch as the checkout's process stage stores it. Where upsertComments takes the duplicate
 * decision (two parameters), it runs inside the upsert transaction; before that, the stage decided
 * first, reading the store, then upserted.
 */
async function writeBatch(checkout: Checkout, store: AnyStore, batch: ProcessedComment[]): Promise<void> {
  if (store.upsertComments.length >= 2) {
    await store.upsertComments(batch, (lookup: unknown, kept: ProcessedComment[]) =>
      checkout.dedupeBatch(lookup, storedDedupeKeys(kept), DEDUPE),
    );
    return;
  }
  const decided = await checkout.dedupeBatch(store, storedDedupeKeys(batch), DEDUPE);
  await store.upsertComments(
    batch.map((c) => ({ ...c, duplicateOf: decided.get(`${c.source}:${c.externalId}`) ?? null })),
  );
}

async function openFresh(checkout: Checkout): Promise<{ store: AnyStore; remove(): Promise<void> }> {
  if (args.store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'carevoice-compare-'));
    const store = await checkout.openStore({ sqlitePath: join(dir, 'store.db') });
    return { store, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `carevoice_compare_${checkout.name}_${Math.floor(Math.random() * 1e9)}`;
  const store = await checkout.openStore({ databaseUrl: DATABASE_URL, sqlitePath: 'unused', postgresSchema: schema });
  return {
    store,
    remove: async () => {
      const admin = await openPostgres({ connectionString: DATABASE_URL, poolSize: 1 });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    },
  };
}

const checkouts = [await load('before', resolve(args.before)), await load('after', resolve('.'))];
const opened = await Promise.all(checkouts.map(openFresh));
const seconds = [0, 0];
const comments = syntheticComments(ROWS, 7);
try {
  for (let start = 0, n = 0; start < ROWS; start += BATCH, n += 1) {
    const batch = comments.slice(start, start + BATCH);
    // Alternate who goes first, so neither always meets a warmer cache or a quieter moment.
    for (const i of n % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      await writeBatch(checkouts[i]!, opened[i]!.store, batch);
      seconds[i]! += (performance.now() - started) / 1000;
    }
  }
} finally {
  for (const o of opened) {
    await o.store.close();
    await o.remove();
  }
}
const figures = {
  store: args.store,
  rows: ROWS,
  batch: BATCH,
  beforeRowsPerSecond: Math.round(ROWS / seconds[0]!),
  afterRowsPerSecond: Math.round(ROWS / seconds[1]!),
  speedup: Number((seconds[0]! / seconds[1]!).toFixed(2)),
};
if (args.json) console.log(JSON.stringify(figures));
else {
  console.log(
    `store work of the process stage (duplicate decision + upsert), ${ROWS} rows in batches of ${BATCH}, ${args.store}`,
  );
  console.log(
    `before ${figures.beforeRowsPerSecond.toLocaleString('en-GB')} rows/s  after ${figures.afterRowsPerSecond.toLocaleString('en-GB')} rows/s  after÷before ${figures.speedup}`,
  );
}
