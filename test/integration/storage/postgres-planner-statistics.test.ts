/**
 * The PostgreSQL store analyses the tables a bulk load grows, on this server whose autovacuum is off,
 * and a failing ANALYZE never fails a write. Each case has a fresh schema and a store of one pooled
 * connection: PostgreSQL publishes a backend's table counts at most once a second, so with one
 * backend a write a second after the load publishes them all before the check that follows it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessedComment } from '../../../src/domain/model.js';
import type { DialectHooks } from '../../../src/storage/dialect-hooks.js';
import { KyselyStore } from '../../../src/storage/kysely-store.js';
import { plannerStatisticsLockKey } from '../../../src/storage/postgres/advisory-lock-keys.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import type { Database } from '../../../src/storage/schema.js';
import { syntheticComment } from './synthetic-comment.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHECK_INTERVAL_MS = 1000;

/** SimHashes spread like real ones: a probe for one stored comment's finds that comment alone. */
const simhashOf = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 16);

const comment = (id: string): ProcessedComment => syntheticComment(id, { simhash: simhashOf(id) });

interface LogLine {
  level: number;
  msg: string;
  table?: string;
  err?: { message: string };
}

let schema: string;
let admin: pg.Client;
let store: KyselyStore;
let hooks: DialectHooks;
let destroyStore: () => Promise<void>;
let clock: number;
let logs: LogLine[];
let written: number;

beforeEach(async () => {
  schema = `carevoice_test_${randomBytes(6).toString('hex')}`;
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  clock = 0;
  logs = [];
  written = 0;
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  const opened = await openPostgres({
    connectionString: databaseUrl,
    schema,
    poolSize: 1,
    logger,
    plannerStatistics: { checkIntervalMs: CHECK_INTERVAL_MS, lockTimeoutMs: 200, now: () => clock },
  });
  hooks = opened.hooks;
  store = new KyselyStore(opened.db, { hooks });
  destroyStore = () => opened.db.destroy();
  await store.migrate();
});

afterEach(async () => {
  await destroyStore();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

/** Writes `count` new comments in batches of 200, without letting the store's check interval pass. */
async function load(count: number): Promise<void> {
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, i) => comment(`c${written + start + i}`));
    await store.upsertComments(batch);
  }
  written += count;
}

/**
 * One new comment per round, each after the check interval has passed, until `done` holds or 5 s
 * have gone by. Every write must succeed whatever the check after it does.
 */
async function writeUntil(done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    clock += CHECK_INTERVAL_MS;
    const result = await store.upsertComments([comment(`c${written}`)]);
    written += 1;
    expect(result.inserted).toBe(1);
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function lastAnalyzed(): Promise<Record<string, Date | null>> {
  const { rows } = await admin.query<{ relname: string; last_analyze: Date | null }>(
    `select relname, last_analyze from pg_stat_user_tables
     where schemaname = $1 and relname in ('comments', 'comment_themes', 'comment_tumour_groups', 'simhash_journal')`,
    [schema],
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.last_analyze]));
}

async function modifiedSinceAnalyze(): Promise<number> {
  const { rows } = await admin.query<{ modified: string }>(
    `select n_mod_since_analyze as modified from pg_stat_user_tables where schemaname = $1 and relname = 'comments'`,
    [schema],
  );
  return Number(rows[0]?.modified ?? 0);
}

/** EXPLAIN of every statement the store's duplicate-candidate lookup sends for one stored comment's SimHash. */
async function candidateLookupPlan(): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` });
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  try {
    const found = await new KyselyStore(db, { hooks }).findDuplicateCandidates([simhashOf('c17')], 3);
    expect(found.map((c) => c.key)).toEqual(['sample:c17']);
    const plans: string[] = [];
    for (const statement of statements) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${statement.sql}`, [
        ...statement.parameters,
      ]);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans.join('\n');
  } finally {
    await db.destroy();
  }
}

describe('PostgreSQL planner statistics during a bulk load', () => {
  it('analyses the ingested tables once enough rows changed; the duplicate lookup reads indexes before and after', async () => {
    await load(5000);
    expect(await lastAnalyzed()).toEqual({
      comments: null,
      comment_themes: null,
      comment_tumour_groups: null,
      simhash_journal: null,
    });
    // The candidate's row is found by key through the journal's and the comments' primary keys.
    expect(await candidateLookupPlan()).not.toMatch(/Seq Scan on (comments|simhash_journal)/);

    const analysed = await writeUntil(async () => Object.values(await lastAnalyzed()).every((at) => at !== null));

    expect(analysed).toBe(true);
    const plan = await candidateLookupPlan();
    expect(plan).not.toMatch(/Seq Scan on (comments|simhash_journal)/);
    expect(plan).toMatch(/Index Scan using comments_pk on comments/);
    expect(logs.filter((l) => l.msg.includes('analysed')).map((l) => l.table)).toContain('comments');
  });

  it('leaves the tables to whichever process holds the analyse lock', async () => {
    await load(500);
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1::bigint)', [plannerStatisticsLockKey(schema)]);
      // Written until the store's own counts are published, then once more: that check saw the
      // tables due and must have skipped them.
      expect(await writeUntil(async () => (await modifiedSinceAnalyze()) >= 500)).toBe(true);
      const skipsBefore = logs.filter((l) => l.msg.includes('skipped')).length;
      await writeUntil(async () => true);
      expect(logs.filter((l) => l.msg.includes('skipped')).length).toBe(skipsBefore + 1);
      expect((await lastAnalyzed())['comments']).toBeNull();
    } finally {
      await other.end();
    }

    expect(await writeUntil(async () => (await lastAnalyzed())['comments'] !== null)).toBe(true);
  });

  it('logs a failed ANALYZE and still stores every comment, then analyses at a later check', async () => {
    await load(500);
    // The lock ANALYZE itself takes: writers are not blocked by it, but the store's ANALYZE waits
    // past its lock timeout and fails.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    try {
      await blocker.query(`begin; lock table ${schema}.comments in share update exclusive mode`);
      const failed = () => logs.find((l) => l.msg.includes('failed'));
      expect(await writeUntil(async () => failed() !== undefined)).toBe(true);
      expect(failed()?.err?.message).toMatch(/lock timeout/);
      expect((await lastAnalyzed())['comments']).toBeNull();
      expect(await store.countComments({ includeDuplicates: true })).toBe(written);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }

    expect(await writeUntil(async () => (await lastAnalyzed())['comments'] !== null)).toBe(true);
  });
});
