/**
 * The Store on Kysely: one implementation for SQLite and PostgreSQL; the differences live in
 * DialectHooks. Comment and aggregate queries have files of their own; the small tables are here.
 */
import { createHash } from 'node:crypto';
import { type Kysely, Migrator, sql } from 'kysely';
import type { Logger } from 'pino';
import type { AlertFilter, DeliverySettlement, NewAlert, StoredAlert } from '../alerts/alert.js';
import type { PageProvenance, ProcessedComment, QuarantineRecord } from '../domain/model.js';
import { countAggregates, listAggregatePeriods, listAggregates, replaceAggregates } from './aggregate-queries.js';
import { getAlert, listAlerts, listStaleAlerts } from './alert-queries.js';
import { claimAlertDelivery, recordAlerts, settleAlertDelivery } from './alert-writes.js';
import { countApiKeys, createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey } from './api-key-queries.js';
import type { ApiKeyRecord } from './api-key-types.js';
import { chunk } from './chunk.js';
import { countComments, getComment, listComments } from './comment-queries.js';
import { deleteComment, upsertComments } from './comment-writes.js';
import { type DataVersions, readDataVersions } from './data-versions.js';
import type { DialectHooks } from './dialect-hooks.js';
import { MigrationFailedError } from './errors/migration-failed-error.js';
import { StoreUnavailableError } from './errors/store-unavailable-error.js';
import { forgottenIds } from './forgotten-ids.js';
import { listComplaintCounts, listCpesScores, listFftResponses, listImportedFiles } from './import-reads.js';
import type {
  ComplaintCountFilter,
  CpesScoreFilter,
  FftResponseFilter,
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportedFile,
  ImportKind,
  ImportWriteResult,
} from './import-types.js';
import { importComplaintCounts, importCpesScores, importFftResponses } from './import-writes.js';
import { commentWritesLockedFirst } from './migrations/comment-writes-locked-first.js';
import { migrationProvider } from './migrations/index.js';
import { countPurgedComments, forgetComment, purgeCommentText } from './minimisation-queries.js';
import { lastRuns, recordRun } from './run-queries.js';
import type { Database } from './schema.js';
import type {
  AggregateCounts,
  AggregateRow,
  CommentFilter,
  DuplicateCandidate,
  Page,
  ResolveDuplicates,
  RunRecord,
  Store,
  ThemeKey,
  TumourGroupKey,
  UpsertResult,
} from './store.js';
import {
  listTriangulation,
  listTriangulationSummary,
  replaceTriangulation,
  triangulationInputs,
} from './triangulation-queries.js';
import type { TriangulatedCell, TriangulationFilter, TumourGroupSummary } from './triangulation-types.js';

export interface KyselyStoreOptions {
  hooks: DialectHooks;
  /** Receives migration progress. @defaultValue silent */
  logger?: Logger | undefined;
  /** Clock for cursor timestamps. @defaultValue () => new Date() */
  now?: () => Date;
}

/** Identity of a quarantined record: the same record quarantined twice is kept once. */
export function quarantineId(r: QuarantineRecord): string {
  return createHash('sha256')
    .update(JSON.stringify([r.source, r.externalId ?? null, r.code, r.payload]))
    .digest('hex');
}

const MIGRATE_ATTEMPTS = 5;

/** Every write goes through hooks.writeTransaction, so SQLite lock waits never block the event loop. */
export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly #db: Kysely<Database>;
  readonly #hooks: DialectHooks;
  readonly #logger: Logger | undefined;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    this.#db = db;
    this.#hooks = options.hooks;
    this.dialect = options.hooks.dialect;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Two processes opening a fresh SQLite file at once can collide; the loser retries a few times. */
  async migrate(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#migrateOnce();
        return;
      } catch (error) {
        const contended = this.#hooks.isLockContention(error instanceof MigrationFailedError ? error.cause : error);
        if (!contended || attempt >= MIGRATE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  async #migrateOnce(): Promise<void> {
    const migrator = new Migrator({
      db: this.#db,
      provider: commentWritesLockedFirst(migrationProvider, this.#hooks),
      ...(this.#hooks.migrationTableSchema !== undefined && { migrationTableSchema: this.#hooks.migrationTableSchema }),
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    for (const r of results) {
      if (r.status === 'Success') this.#logger?.info({ migration: r.migrationName }, 'store migration applied');
    }
    if (error !== undefined) {
      throw new MigrationFailedError(results.find((r) => r.status === 'Error')?.migrationName, { cause: error });
    }
  }

  async ping(options: { answerWithinMs?: number } = {}): Promise<void> {
    const { answerWithinMs } = options;
    const select = () => sql`select 1`.execute(this.#db);
    try {
      await (answerWithinMs !== undefined && this.#hooks.answeringWithin
        ? this.#hooks.answeringWithin(answerWithinMs, select)
        : select());
    } catch (error) {
      throw new StoreUnavailableError(`${this.dialect} store did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  async recordPages(pages: PageProvenance[]): Promise<void> {
    if (pages.length === 0) return;
    await this.#hooks.writeTransaction(this.#db, async (trx) => {
      for (const part of chunk(pages, 1000)) {
        await trx
          .insertInto('pages')
          .values(
            part.map((p) => ({
              source: p.source,
              url: p.url,
              content_hash: p.contentHash,
              fetched_at: p.fetchedAt,
              item_count: p.itemCount,
            })),
          )
          .onConflict((oc) => oc.columns(['source', 'url', 'content_hash']).doNothing())
          .execute();
      }
    });
  }

  async countPages(source?: string): Promise<number> {
    const row = await this.#db
      .selectFrom('pages')
      .select((eb) => eb.fn.countAll().as('n'))
      .$if(source !== undefined, (qb) => qb.where('source', '=', source!))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  upsertComments(comments: ProcessedComment[], resolveDuplicates?: ResolveDuplicates): Promise<UpsertResult> {
    return upsertComments(this.#db, this.#hooks, comments, resolveDuplicates);
  }

  getComment(source: string, externalId: string): Promise<ProcessedComment | null> {
    return getComment(this.#db, source, externalId);
  }

  listComments(filter: CommentFilter, page: { limit: number; after?: string | null }): Promise<Page<ProcessedComment>> {
    return listComments(this.#db, filter, page);
  }

  countComments(filter?: CommentFilter): Promise<number> {
    return countComments(this.#db, filter);
  }

  deleteComment(source: string, externalId: string): Promise<boolean> {
    return deleteComment(this.#db, this.#hooks, source, externalId);
  }

  findDuplicateCandidates(simhashes: readonly string[], maxHammingDistance?: number): Promise<DuplicateCandidate[]> {
    return this.#hooks.findDuplicateCandidates(this.#db, simhashes, maxHammingDistance);
  }

  async quarantine(records: QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#hooks.writeTransaction(this.#db, async (trx) => {
      for (const part of chunk(records, 1000)) {
        await trx
          .insertInto('quarantine')
          .values(
            part.map((r) => ({
              id: quarantineId(r),
              source: r.source,
              external_id: r.externalId ?? null,
              code: r.code,
              reason: r.reason,
              payload: r.payload,
              location: r.location ?? null,
              received_at: r.receivedAt,
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
  }

  /** Newest first. */
  async listQuarantine(page: { limit: number; source?: string }): Promise<QuarantineRecord[]> {
    const rows = await this.#db
      .selectFrom('quarantine')
      .selectAll()
      .$if(page.source !== undefined, (qb) => qb.where('source', '=', page.source!))
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .execute();
    return rows.map((r) => ({
      source: r.source,
      ...(r.external_id !== null && { externalId: r.external_id }),
      code: r.code,
      reason: r.reason,
      payload: r.payload,
      ...(r.location !== null && { location: r.location }),
      receivedAt: r.received_at,
    }));
  }

  async countQuarantine(source?: string): Promise<number> {
    const row = await this.#db
      .selectFrom('quarantine')
      .select((eb) => eb.fn.countAll().as('n'))
      .$if(source !== undefined, (qb) => qb.where('source', '=', source!))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getCursor(source: string, key: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('cursors')
      .select('value')
      .where('source', '=', source)
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async setCursor(source: string, key: string, value: string): Promise<void> {
    const updatedAt = this.#now().toISOString();
    await this.#hooks.writeTransaction(this.#db, (trx) =>
      trx
        .insertInto('cursors')
        .values({ source, key, value, updated_at: updatedAt })
        .onConflict((oc) => oc.columns(['source', 'key']).doUpdateSet({ value, updated_at: updatedAt }))
        .execute(),
    );
  }

  countAggregates(range?: { periodFrom?: string; periodTo?: string }): Promise<AggregateCounts[]> {
    return countAggregates(this.#db, range);
  }

  replaceAggregates(rows: AggregateRow[], periods: string[]): Promise<void> {
    return replaceAggregates(this.#db, this.#hooks, rows, periods);
  }

  listAggregates(filter: {
    odsCode?: string;
    theme?: ThemeKey;
    tumourGroup?: TumourGroupKey;
    periodFrom?: string;
    periodTo?: string;
  }): Promise<AggregateRow[]> {
    return listAggregates(this.#db, filter);
  }

  listAggregatePeriods(): Promise<string[]> {
    return listAggregatePeriods(this.#db);
  }

  recordRun(run: RunRecord): Promise<void> {
    return recordRun(this.#db, this.#hooks, run);
  }

  lastRuns(): Promise<RunRecord[]> {
    return lastRuns(this.#db);
  }

  importCpesScores(file: ImportedFile, scores: readonly ImportedCpesScore[]): Promise<ImportWriteResult> {
    return importCpesScores(this.#db, this.#hooks, file, scores);
  }

  importFftResponses(file: ImportedFile, responses: readonly ImportedFftResponse[]): Promise<ImportWriteResult> {
    return importFftResponses(this.#db, this.#hooks, file, responses);
  }

  importComplaintCounts(file: ImportedFile, counts: readonly ImportedComplaintCount[]): Promise<ImportWriteResult> {
    return importComplaintCounts(this.#db, this.#hooks, file, counts);
  }

  listImportedFiles(kind?: ImportKind): Promise<ImportedFile[]> {
    return listImportedFiles(this.#db, kind);
  }

  listCpesScores(filter: CpesScoreFilter): Promise<ImportedCpesScore[]> {
    return listCpesScores(this.#db, filter);
  }

  listFftResponses(filter: FftResponseFilter): Promise<ImportedFftResponse[]> {
    return listFftResponses(this.#db, filter);
  }

  listComplaintCounts(filter: ComplaintCountFilter): Promise<ImportedComplaintCount[]> {
    return listComplaintCounts(this.#db, filter);
  }

  recordAlerts(alerts: readonly NewAlert[]): Promise<string[]> {
    return recordAlerts(this.#db, this.#hooks, alerts);
  }

  getAlert(id: string): Promise<StoredAlert | null> {
    return getAlert(this.#db, id);
  }

  listAlerts(filter: AlertFilter, page: { limit: number; after?: string | null }): Promise<Page<StoredAlert>> {
    return listAlerts(this.#db, filter, page);
  }

  claimAlertDelivery(id: string, at: string, leaseUntil: string): Promise<StoredAlert | null> {
    return claimAlertDelivery(this.#db, this.#hooks, id, at, leaseUntil);
  }

  settleAlertDelivery(id: string, outcome: DeliverySettlement): Promise<void> {
    return settleAlertDelivery(this.#db, this.#hooks, id, outcome);
  }

  listStaleAlerts(staleBefore: string, limit: number): Promise<StoredAlert[]> {
    return listStaleAlerts(this.#db, staleBefore, limit);
  }

  forgetComment(source: string, externalId: string, forgottenAt: string): Promise<boolean> {
    return forgetComment(this.#db, this.#hooks, source, externalId, forgottenAt);
  }

  forgottenIds(source: string, externalIds: readonly string[]): Promise<Set<string>> {
    return forgottenIds(this.#db, this.#hooks, source, externalIds);
  }

  purgeCommentText(before: string, purgedAt: string): Promise<number> {
    return purgeCommentText(this.#db, this.#hooks, before, purgedAt);
  }

  compactDuplicateLookup(): Promise<number> {
    return this.#hooks.compactDuplicateLookup(this.#db);
  }

  countPurgedComments(): Promise<number> {
    return countPurgedComments(this.#db);
  }

  replaceTriangulation(
    cells: readonly TriangulatedCell[],
    summary: readonly TumourGroupSummary[],
    computedAt: string,
    inputsFingerprint?: string,
  ): Promise<void> {
    return replaceTriangulation(this.#db, this.#hooks, cells, summary, computedAt, inputsFingerprint);
  }

  dataVersions(): Promise<DataVersions> {
    return readDataVersions(this.#db);
  }

  triangulationInputs(): Promise<string | undefined> {
    return triangulationInputs(this.#db);
  }

  listTriangulation(
    filter: TriangulationFilter,
    page: { limit: number; after?: string | null },
  ): Promise<Page<TriangulatedCell>> {
    return listTriangulation(this.#db, filter, page);
  }

  listTriangulationSummary(): Promise<TumourGroupSummary[]> {
    return listTriangulationSummary(this.#db);
  }

  createApiKey(key: ApiKeyRecord): Promise<void> {
    return createApiKey(this.#db, this.#hooks, key);
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return listApiKeys(this.#db);
  }

  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    return findApiKeyByHash(this.#db, keyHash);
  }

  revokeApiKey(id: string, revokedAt: string): Promise<boolean> {
    return revokeApiKey(this.#db, this.#hooks, id, revokedAt);
  }

  countApiKeys(): Promise<number> {
    return countApiKeys(this.#db);
  }
}
