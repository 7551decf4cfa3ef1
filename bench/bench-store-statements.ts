/**
 * Where the process stage's store time goes, statement by statement, as the table grows:
 * a fresh store is filled to each size with synthetic comments in batches of 1,000 (duplicate
 * decision included, as the process stage writes), then `--batches` more batches of `--batch` are
 * timed with every statement's run (and SQLite's prepare) measured. The last column of the summary is the most a single writer could
 * store per second if nothing but these statements ran. Last, a second handle's first duplicate
 * lookup is timed: it reads the whole SimHash journal into memory (migrations 013 and 014), what a worker
 * starting on a store of that size does once.
 *
 * On PostgreSQL (`--store postgres`, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a
 * throwaway schema) a statement's time is from the driver's call to its answer: the server's work,
 * the round trip, and node-postgres turning the parameters into text.
 *
 *   tsx bench/bench-store-statements.ts [--sizes 20000,200000] [--batches 50] [--batch 200] [--store sqlite|postgres] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import type { ProcessedComment } from '../src/domain/model.js';
import { dedupeBatch } from '../src/pipeline/process/dedupe-batch.js';
import { openStore } from '../src/storage/open-store.js';
import { openPostgres } from '../src/storage/postgres/open-postgres.js';
import type { Store } from '../src/storage/store.js';
import { storedDedupeKeys, syntheticComments } from './support/synthetic-comments.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,200000' },
    batches: { type: 'string', default: '50' },
    batch: { type: 'string', default: '200' },
    store: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
  },
});
const sizes = args.sizes.split(',').map(Number);
const BATCHES = Number(args.batches);
const BATCH = Number(args.batch);
const DEDUPE = { minLength: 40, maxHammingDistance: 3 };
const FILL_BATCH = 1000;
if (args.store !== 'sqlite' && args.store !== 'postgres')
  throw new Error(`--store is sqlite or postgres, not ${args.store}`);
const STORE = args.store;
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Milliseconds per statement kind (its SQL up to the first list of values), while `recording`. */
const spent = new Map<string, { runs: number; ms: number }>();
let recording = false;

function record(kind: string, ms: number): void {
  if (!recording) return;
  const entry = spent.get(kind) ?? { runs: 0, ms: 0 };
  entry.runs += 1;
  entry.ms += ms;
  spent.set(kind, entry);
}

/** A statement's kind: its SQL with whitespace folded, cut before its first bound value. */
const kindOf = (sql: string): string => {
  const folded = sql.replace(/\s+/g, ' ').trim();
  const cut = folded.search(/\(\?|= \?|\(\$|= \$|in \(/i);
  return (cut > 0 ? folded.slice(0, cut) : folded).slice(0, 90);
};

// The store opens its own handle inside openStore; timing at the driver's prototype sees exactly
// the statements the real write path runs, with no change to the store for the sake of a benchmark.
const prototype = SqliteDatabase.prototype as unknown as {
  prepare(this: SqliteDatabase.Database, sql: string): SqliteDatabase.Statement;
};
const prepare = prototype.prepare;
prototype.prepare = function timedPrepare(sql: string) {
  const started = performance.now();
  const statement = prepare.call(this, sql);
  record('(prepare)', performance.now() - started);
  const kind = kindOf(sql);
  for (const method of ['all', 'run'] as const) {
    const original = statement[method].bind(statement) as (...values: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...values: unknown[]) => {
      const began = performance.now();
      try {
        return original(...values);
      } finally {
        record(kind, performance.now() - began);
      }
    };
  }
  return statement;
};

// The same for PostgreSQL at node-postgres's Client.query, which every pooled query goes through.
const pgPrototype = pg.Client.prototype as unknown as { query(...args: unknown[]): unknown };
const pgQuery = pgPrototype.query;
pgPrototype.query = function timedQuery(this: pg.Client, ...queryArgs: unknown[]) {
  const config = queryArgs[0] as string | { text?: string };
  const began = performance.now();
  const result = pgQuery.apply(this, queryArgs);
  if (recording && result instanceof Promise) {
    const kind = kindOf(String(typeof config === 'string' ? config : config.text));
    result.then(
      () => record(kind, performance.now() - began),
      () => undefined,
    );
  }
  return result;
};

const write = (store: Store, batch: ProcessedComment[]) =>
  store.upsertComments(batch, (lookup, kept) => dedupeBatch(lookup, storedDedupeKeys(kept), DEDUPE));

interface SizeFigures {
  stored: number;
  comments: number;
  microsecondsPerComment: number;
  statementMicrosecondsPerComment: number;
  singleWriterCeiling: number;
  /** A fresh handle's first lookup, reading the journal of `stored + comments` SimHashes. */
  firstLookupMs: number;
  statements: { kind: string; runs: number; microsecondsPerComment: number; share: number }[];
}

/** A fresh store to fill, how to open a second handle on it, and how to remove it. */
async function freshStore(): Promise<{ options: Parameters<typeof openStore>[0]; remove(): Promise<void> }> {
  if (STORE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'carevoice-statements-'));
    return {
      options: { sqlitePath: join(dir, 'store.db') },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `carevoice_statements_${Math.floor(Math.random() * 1e9)}`;
  return {
    options: { databaseUrl: DATABASE_URL, sqlitePath: 'unused', postgresSchema: schema },
    remove: async () => {
      const admin = await openPostgres({ connectionString: DATABASE_URL, poolSize: 1 });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    },
  };
}

async function measure(size: number): Promise<SizeFigures> {
  const fresh = await freshStore();
  const store = await openStore(fresh.options);
  try {
    for (let done = 0; done < size; done += FILL_BATCH) {
      await write(store, syntheticComments(Math.min(FILL_BATCH, size - done), done + 1, { firstIndex: done }));
    }
    const timed = syntheticComments(BATCHES * BATCH, size + 1, { firstIndex: size });
    spent.clear();
    recording = true;
    const started = performance.now();
    for (let i = 0; i < BATCHES; i++) await write(store, timed.slice(i * BATCH, (i + 1) * BATCH));
    const ms = performance.now() - started;
    recording = false;
    const comments = BATCHES * BATCH;
    const second = await openStore(fresh.options);
    const lookupStarted = performance.now();
    await second.findDuplicateCandidates([timed[0]!.simhash], DEDUPE.maxHammingDistance);
    const firstLookupMs = performance.now() - lookupStarted;
    await second.close();
    const statementMs = [...spent.values()].reduce((sum, s) => sum + s.ms, 0);
    return {
      stored: size,
      comments,
      microsecondsPerComment: (1000 * ms) / comments,
      statementMicrosecondsPerComment: (1000 * statementMs) / comments,
      singleWriterCeiling: comments / (statementMs / 1000),
      firstLookupMs,
      statements: [...spent]
        .map(([kind, s]) => ({
          kind,
          runs: s.runs,
          microsecondsPerComment: (1000 * s.ms) / comments,
          share: s.ms / ms,
        }))
        .sort((a, b) => b.microsecondsPerComment - a.microsecondsPerComment),
    };
  } finally {
    await store.close();
    await fresh.remove();
  }
}

const results: SizeFigures[] = [];
for (const size of sizes) results.push(await measure(size));

if (args.json) {
  console.log(JSON.stringify({ store: STORE, batch: BATCH, batches: BATCHES, results }));
} else {
  const n = (value: number, digits = 0) =>
    value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  console.log(
    `${STORE === 'sqlite' ? 'SQLite' : 'PostgreSQL'} store work per comment, batches of ${BATCH} (${BATCHES} timed per size)`,
  );
  console.log(
    'stored     µs/comment  in statements  single-writer ceiling (comments/s)  first lookup, new handle (ms)',
  );
  for (const r of results) {
    console.log(
      `${n(r.stored).padStart(9)}  ${n(r.microsecondsPerComment, 1).padStart(10)}  ${n(r.statementMicrosecondsPerComment, 1).padStart(13)}  ${n(r.singleWriterCeiling).padStart(10)}  ${n(r.firstLookupMs).padStart(36)}`,
    );
  }
  for (const r of results) {
    console.log(`\nat ${n(r.stored)} stored: statement, runs, µs per comment, share of the batch time`);
    for (const s of r.statements) {
      console.log(
        `  ${n(s.microsecondsPerComment, 1).padStart(7)}  ${`${(100 * s.share).toFixed(1)}%`.padStart(6)}  ${String(s.runs).padStart(5)}  ${s.kind}`,
      );
    }
  }
}
