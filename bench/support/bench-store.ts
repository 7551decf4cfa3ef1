import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createSampleConnector } from '../../src/connectors/sample/sample-connector.js';
import { shrinkAggregates } from '../../src/domain/aggregation/shrink-aggregates.js';
import type { Analyser, ProcessedComment } from '../../src/domain/model.js';
import { redact } from '../../src/domain/redaction/redact.js';
import { runImport } from '../../src/import/run-import.js';
import { prepareItem } from '../../src/pipeline/collect/prepare-item.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../src/pipeline/pipeline-options.js';
import { dedupeKeysOf } from '../../src/pipeline/process/dedupe-batch.js';
import { processedRow } from '../../src/pipeline/process/processed-row.js';
import { loadThemeCrosswalk } from '../../src/reference/theme-crosswalk.js';
import { loadTrustReference } from '../../src/reference/trust-reference.js';
import { openStore } from '../../src/storage/open-store.js';
import { openPostgres } from '../../src/storage/postgres/open-postgres.js';
import type { Store } from '../../src/storage/store.js';
import { refreshTriangulation } from '../../src/triangulation/refresh-triangulation.js';

/**
 * A store filled with N analysed sample comments, built straight through the store's batch upsert
 * (not through the queue, which bench-e2e measures): the sample source's pages are prepared as the
 * collect stage prepares them (normalise, redact), analysed, keyed and upserted 1,000 at a time;
 * beyond a pool of 20,000 the analysed comments repeat under new ids (see benchRows).
 * Then the CPES 2018 trust results are imported and the aggregate stage's work (count, shrink,
 * replace, triangulate) is done, so every trust has scores and triangulated cells, as in production.
 *
 * Near-duplicate matching is skipped (every comment is its own original): it changes which rows the
 * API counts, not how the queries run. A finished build records a `bench-build` run, so a kept store
 * is reused only when it is complete.
 */

export type BenchStoreKind = 'sqlite' | 'postgres';

export interface BenchStoreLocation {
  kind: BenchStoreKind;
  comments: number;
  /** The `dataDir` a CLI process is given; the SQLite store is `carevoice.sqlite` in it. */
  dataDir: string;
  sqlitePath: string;
  /** PostgreSQL only: the schema, and the URL that pins it through search_path. */
  schema?: string;
  databaseUrl?: string;
}

const SAMPLE_SEED = 42;
const PAGE = 1000;
const AUTHOR_KEY = 'carevoice-bench-author-hash-key-0123456789';
const CPES_FILE = join('..', 'shared', 'data', 'cpes-2018-trust-results.csv');
const BUILD_RUN_KIND = 'bench-build';
const DEFAULT_POOL = 20_000;

/** A `--stores` list (`sqlite,postgres`), each name checked. */
export function benchStoreKinds(list: string): BenchStoreKind[] {
  const kinds = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const kind of kinds) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`unknown store ${kind}`);
  return kinds as BenchStoreKind[];
}

export function benchStoreDir(): string {
  return process.env['CAREVOICE_BENCH_STORES'] ?? join(tmpdir(), 'carevoice-bench-stores');
}

export function benchStoreLocation(kind: BenchStoreKind, comments: number, postgresUrl: string): BenchStoreLocation {
  const dataDir = join(benchStoreDir(), `${kind}-${comments}`);
  const sqlitePath = join(dataDir, 'carevoice.sqlite');
  if (kind === 'sqlite') return { kind, comments, dataDir, sqlitePath };
  const schema = `carevoice_bench_sample_${comments}`;
  const separator = postgresUrl.includes('?') ? '&' : '?';
  return {
    kind,
    comments,
    dataDir,
    sqlitePath,
    schema,
    databaseUrl: `${postgresUrl}${separator}options=-c%20search_path%3D${schema}`,
  };
}

export function openBenchStore(location: BenchStoreLocation, postgresUrl: string): Promise<Store> {
  mkdirSync(location.dataDir, { recursive: true });
  return location.kind === 'sqlite'
    ? openStore({ sqlitePath: location.sqlitePath })
    : openStore({ databaseUrl: postgresUrl, sqlitePath: location.sqlitePath, postgresSchema: location.schema });
}

export async function dropBenchStore(location: BenchStoreLocation, postgresUrl: string): Promise<void> {
  rmSync(location.dataDir, { recursive: true, force: true });
  if (location.kind === 'sqlite') return;
  const admin = await openPostgres({ connectionString: postgresUrl, poolSize: 1 });
  try {
    await sql`drop schema if exists ${sql.id(location.schema!)} cascade`.execute(admin.db);
  } finally {
    await admin.db.destroy();
  }
}

async function isComplete(location: BenchStoreLocation, postgresUrl: string): Promise<boolean> {
  if (location.kind === 'sqlite' && !existsSync(location.sqlitePath)) return false;
  const store = await openBenchStore(location, postgresUrl);
  try {
    const build = (await store.lastRuns()).find((run) => run.kind === BUILD_RUN_KIND);
    return build?.counts['comments'] === location.comments;
  } finally {
    await store.close();
  }
}

/** The analysed comments of one sample page, as the process stage would store them. */
async function* analysedPages(comments: number, analyse: Analyser): AsyncGenerator<ProcessedComment[]> {
  const connector = createSampleConnector({ seed: SAMPLE_SEED, count: comments, pageSize: PAGE });
  const ctx = { now: () => new Date('2026-11-01T06:00:00.000Z'), state: { get: async () => null } };
  let cursor: string | null = null;
  do {
    const page = await connector.fetchPage(cursor, ctx);
    const receivedAt = page.fetchedAt;
    const prepareContext = {
      source: 'sample',
      page,
      redact,
      authorHashKey: AUTHOR_KEY,
      maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
      receivedAt,
    };
    const rows: ProcessedComment[] = [];
    for (const parsed of page.items) {
      const prepared = prepareItem(parsed, prepareContext);
      if (prepared.kind !== 'comment') continue;
      const comment = prepared.comment;
      const keys = dedupeKeysOf(comment);
      const analysis = analyse({
        text: comment.text,
        question: comment.question,
        postedAt: comment.postedAt,
        odsCode: comment.odsCode,
      });
      rows.push(processedRow(comment, keys, analysis, receivedAt));
    }
    yield rows;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/**
 * `comments` rows: the first `pool` sample comments analysed, then repeated under new external ids
 * (same text, trust, period and analysis) up to the count. Analysing a million comments takes
 * minutes of CPU that tell nothing about storage or the API; the pool keeps the sample's mix of
 * trusts, periods, themes and tumour groups.
 */
async function* benchRows(comments: number, pool: number, analyse: Analyser): AsyncGenerator<ProcessedComment[]> {
  const analysed: ProcessedComment[] = [];
  for await (const rows of analysedPages(Math.min(comments, pool), analyse)) {
    analysed.push(...rows);
    yield rows;
  }
  for (let from = analysed.length; from < comments; from += PAGE) {
    const rows: ProcessedComment[] = [];
    for (let i = from; i < Math.min(from + PAGE, comments); i++) {
      const original = analysed[i % analysed.length]!;
      rows.push({ ...original, externalId: `${original.externalId}-copy-${i}` });
    }
    yield rows;
  }
}

/** What the aggregate stage does after comments arrive: count, shrink, replace, triangulate. */
async function aggregateAndTriangulate(store: Store): Promise<void> {
  const counts = await store.countAggregates();
  const rows = shrinkAggregates(counts, new Date().toISOString(), {
    minStrength: 4,
    maxStrength: 200,
    intervalMass: 0.95,
  });
  await store.replaceAggregates(rows, [...new Set(rows.map((row) => row.period))].sort());
  await refreshTriangulation(store);
}

/**
 * Fresh planner statistics, as autovacuum would leave them some time after a bulk load. Without
 * them PostgreSQL took a 12-month period range for ~500 rows instead of ~67,000 and sorted the whole
 * range for a 50-comment page (233 ms) instead of walking the listing index (2 ms).
 */
async function analysePostgres(location: BenchStoreLocation, postgresUrl: string): Promise<void> {
  const admin = await openPostgres({ connectionString: postgresUrl, poolSize: 1, schema: location.schema! });
  try {
    // Only this schema's tables: a bare ANALYZE would visit every schema on the shared server.
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = ${location.schema!} and table_type = 'BASE TABLE'`.execute(admin.db);
    for (const { name } of tables.rows) await sql`analyze ${sql.id(location.schema!, name)}`.execute(admin.db);
  } finally {
    await admin.db.destroy();
  }
}

export interface BuildReport {
  kind: BenchStoreKind;
  comments: number;
  reused: boolean;
  /** Seconds to upsert the comments (analysis excluded), then to import CPES, aggregate and triangulate. */
  upsertSeconds: number;
  finishSeconds: number;
}

/**
 * Makes sure each location holds a complete store of its `comments` sample comments; with `reuse`,
 * a complete store left by an earlier run is kept as it is. The comments are generated and analysed
 * once and written to every store that needs them.
 */
export async function ensureBenchStores(
  locations: readonly BenchStoreLocation[],
  options: {
    reuse: boolean;
    postgresUrl: string;
    analyse: Analyser;
    /** Distinct sample comments analysed; the rest repeat them. @defaultValue 20,000 */
    pool?: number;
    progress?: (done: number) => void;
  },
): Promise<BuildReport[]> {
  const reports: BuildReport[] = [];
  const todo: { location: BenchStoreLocation; store: Store; upsertMs: number }[] = [];
  for (const location of locations) {
    if (options.reuse && (await isComplete(location, options.postgresUrl))) {
      reports.push({
        kind: location.kind,
        comments: location.comments,
        reused: true,
        upsertSeconds: 0,
        finishSeconds: 0,
      });
      continue;
    }
    await dropBenchStore(location, options.postgresUrl);
    todo.push({ location, store: await openBenchStore(location, options.postgresUrl), upsertMs: 0 });
  }
  if (todo.length === 0) return reports;
  const comments = todo[0]!.location.comments;
  if (todo.some((t) => t.location.comments !== comments)) throw new Error('one build fills stores of one size');
  try {
    let done = 0;
    for await (const rows of benchRows(comments, options.pool ?? DEFAULT_POOL, options.analyse)) {
      for (const entry of todo) {
        const started = performance.now();
        await entry.store.upsertComments(rows);
        entry.upsertMs += performance.now() - started;
      }
      done += rows.length;
      options.progress?.(done);
    }
    for (const entry of todo) {
      const started = performance.now();
      const summary = await runImport(
        { importer: 'cpes-2018', path: CPES_FILE },
        {
          store: entry.store,
          crosswalk: loadThemeCrosswalk(),
          knownOdsCodes: new Set(loadTrustReference().trusts.map((t) => t.odsCode)),
        },
      );
      if (summary.status === 'rejected') throw new Error(`CPES import rejected: ${JSON.stringify(summary)}`);
      await aggregateAndTriangulate(entry.store);
      if (entry.location.kind === 'postgres') await analysePostgres(entry.location, options.postgresUrl);
      const now = new Date().toISOString();
      await entry.store.recordRun({
        id: `${BUILD_RUN_KIND}-${now}`,
        kind: BUILD_RUN_KIND,
        startedAt: now,
        finishedAt: now,
        status: 'ok',
        counts: { comments, stored: done },
      });
      reports.push({
        kind: entry.location.kind,
        comments,
        reused: false,
        upsertSeconds: entry.upsertMs / 1000,
        finishSeconds: (performance.now() - started) / 1000,
      });
    }
  } finally {
    for (const entry of todo) await entry.store.close();
  }
  return reports;
}
