import type { AlertFilter, DeliverySettlement, NewAlert, StoredAlert } from '../alerts/alert.js';
import type {
  PageProvenance,
  ProcessedComment,
  QuarantineRecord,
  SentimentLabel,
  ThemeId,
  TumourGroupId,
} from '../domain/model.js';
import type { ApiKeyRecord } from './api-key-types.js';
import type { DataVersions } from './data-versions.js';
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
import type { TriangulatedCell, TriangulationFilter, TumourGroupSummary } from './triangulation-types.js';

/** `all` stands for "every theme" / "every tumour group" in an aggregate row. */
export type ThemeKey = ThemeId | 'all';
export type TumourGroupKey = TumourGroupId | 'all';

/** Counts of non-duplicate comments in one cell: trust × theme × tumour group × period. */
export interface AggregateCounts {
  odsCode: string;
  theme: ThemeKey;
  tumourGroup: TumourGroupKey;
  period: string;
  n: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Mean of the comments' sentiment scores (−1…1); for a theme cell, of the theme's own sentiment
   *  mapped to −1 / 0 / 1. */
  meanScore: number;
}

/** An aggregate cell with its derived statistics, as the `aggregate` stage stores it. */
export interface AggregateRow extends AggregateCounts {
  /** Share of comments that are positive, shrunk toward the tumour group's national share. */
  positiveShare: number;
  positiveShareLower: number;
  positiveShareUpper: number;
  computedAt: string;
}

export interface CommentFilter {
  source?: string;
  odsCode?: string;
  theme?: ThemeId;
  tumourGroup?: TumourGroupId;
  /** Inclusive `YYYY-MM` bounds. */
  periodFrom?: string;
  periodTo?: string;
  sentiment?: SentimentLabel;
  includeDuplicates?: boolean;
}

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  next: string | null;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Comments not written because their key was forgotten (asked to forget, or deleted upstream). */
  forgotten: number;
}

export interface RunRecord {
  id: string;
  kind: string;
  source?: string | undefined;
  startedAt: string;
  finishedAt: string;
  status: 'ok' | 'failed';
  counts: Record<string, number>;
  message?: string | undefined;
}

export interface DuplicateCandidate {
  key: string;
  contentHash: string;
  simhash: string;
  /** What the stored comment itself duplicates (null: it is an original). */
  duplicateOf: string | null;
}

/** What a duplicate decision may read: the store as the write transaction that stores the answer sees it. */
export interface DuplicateLookup {
  /** As Store.findDuplicateCandidates. */
  findDuplicateCandidates(simhashes: readonly string[], maxHammingDistance?: number): Promise<DuplicateCandidate[]>;
}

/**
 * Decides `duplicateOf` (by natural key `source:externalId`) for comments about to be written,
 * inside their write transaction; a key missing from the answer keeps the comment's own value.
 */
export type ResolveDuplicates = (
  lookup: DuplicateLookup,
  comments: readonly ProcessedComment[],
) => Promise<ReadonlyMap<string, string | null>>;

/**
 * The one storage interface. SQLite (embedded default) and PostgreSQL implement it; one contract
 * suite (test/integration/storage) runs against both. Every write is idempotent.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * Throws when the store cannot be reached. With `answerWithinMs`, also when it has not answered
   * by then, and a connection that went silent is dropped rather than left waiting on TCP.
   */
  ping(options?: { answerWithinMs?: number }): Promise<void>;
  close(): Promise<void>;

  recordPages(pages: PageProvenance[]): Promise<void>;
  countPages(source?: string): Promise<number>;

  /**
   * Upsert by (source, externalId) in one transaction; an identical row counts as unchanged. A
   * forgotten key is skipped (and counted) inside that transaction, so a forget that races a queued
   * copy always wins. `resolveDuplicates` runs in the same transaction, after that check, and comment
   * writers are serialised, so two concurrent batches never both store one of a duplicate pair as
   * an original.
   */
  upsertComments(comments: ProcessedComment[], resolveDuplicates?: ResolveDuplicates): Promise<UpsertResult>;
  getComment(source: string, externalId: string): Promise<ProcessedComment | null>;
  listComments(filter: CommentFilter, page: { limit: number; after?: string | null }): Promise<Page<ProcessedComment>>;
  countComments(filter?: CommentFilter): Promise<number>;
  /** Removes a comment; returns whether it existed. Its earliest remaining duplicate (by posted,
   *  else fetched time) becomes the original and the others point at it, so they are counted again. */
  deleteComment(source: string, externalId: string): Promise<boolean>;
  /**
   * Earlier comments that may duplicate ones with these SimHashes: a SimHash that shares one of its
   * four 16-bit bands, in the same position, and when `maxHammingDistance` is given lies within it
   * of such a SimHash. Every comment with the same content hash is among them (equal normalised
   * texts have equal SimHashes). The caller decides by content hash and Hamming distance.
   */
  findDuplicateCandidates(simhashes: readonly string[], maxHammingDistance?: number): Promise<DuplicateCandidate[]>;

  /** Idempotent: the same (source, externalId, code, payload) is kept once. */
  quarantine(records: QuarantineRecord[]): Promise<void>;
  listQuarantine(page: { limit: number; source?: string }): Promise<QuarantineRecord[]>;
  countQuarantine(source?: string): Promise<number>;

  getCursor(source: string, key: string): Promise<string | null>;
  setCursor(source: string, key: string, value: string): Promise<void>;

  /** Counts per trust × theme × tumour group × period over non-duplicate comments with a trust,
   *  including the `all` roll-ups, computed in the database. */
  countAggregates(range?: { periodFrom?: string; periodTo?: string }): Promise<AggregateCounts[]>;
  /** Replaces every stored aggregate row in the periods covered by `rows` (one transaction). */
  replaceAggregates(rows: AggregateRow[], periods: string[]): Promise<void>;
  listAggregates(filter: {
    odsCode?: string;
    theme?: ThemeKey;
    tumourGroup?: TumourGroupKey;
    periodFrom?: string;
    periodTo?: string;
  }): Promise<AggregateRow[]>;
  /** The periods that have aggregate rows, oldest first (the export reads cells one period at a time). */
  listAggregatePeriods(): Promise<string[]>;

  recordRun(run: RunRecord): Promise<void>;
  /** The newest run per (kind, source). */
  lastRuns(): Promise<RunRecord[]>;

  // Imported CPES, FFT and KO41a figures (src/storage/import-writes.ts, import-reads.ts). Each write is one
  // transaction: rows an earlier import of the same file (by SHA-256) stored are removed, then the rows are
  // upserted by natural key and the file is recorded; re-importing a file leaves exactly its rows.
  importCpesScores(file: ImportedFile, scores: readonly ImportedCpesScore[]): Promise<ImportWriteResult>;
  importFftResponses(file: ImportedFile, responses: readonly ImportedFftResponse[]): Promise<ImportWriteResult>;
  importComplaintCounts(file: ImportedFile, counts: readonly ImportedComplaintCount[]): Promise<ImportWriteResult>;
  /** Newest import first. */
  listImportedFiles(kind?: ImportKind): Promise<ImportedFile[]>;
  /** By year, trust (England first), tumour group, question. */
  listCpesScores(filter: CpesScoreFilter): Promise<ImportedCpesScore[]>;
  /** By period, setting, trust, site (trust row first). */
  listFftResponses(filter: FftResponseFilter): Promise<ImportedFftResponse[]>;
  /** By period, organisation, site, subject area. */
  listComplaintCounts(filter: ComplaintCountFilter): Promise<ImportedComplaintCount[]>;

  // Alerts (src/storage/alert-queries.ts, alert-writes.ts): safety and divergence alerts and their webhook
  // delivery. The alerts table is the outbox: an alert is stored before its delivery job is enqueued.
  /** Inserts alerts whose id is new and returns those ids; an alert already stored is left as it is. */
  recordAlerts(alerts: readonly NewAlert[]): Promise<string[]>;
  getAlert(id: string): Promise<StoredAlert | null>;
  /** Newest first by (createdAt, id), keyset-paginated like listComments. */
  listAlerts(filter: AlertFilter, page: { limit: number; after?: string | null }): Promise<Page<StoredAlert>>;
  /** Takes a pending, unleased alert for one delivery attempt (counted), leased until `leaseUntil`; null
   *  when it is delivered, failed for good, unknown, or held by another worker. */
  claimAlertDelivery(id: string, at: string, leaseUntil: string): Promise<StoredAlert | null>;
  /** Ends a claimed attempt: delivered (final), failed for good with the reason, or pending to retry. */
  settleAlertDelivery(id: string, outcome: DeliverySettlement): Promise<void>;
  /** Pending alerts whose delivery state has not changed since `staleBefore` (their job may be lost). */
  listStaleAlerts(staleBefore: string, limit: number): Promise<StoredAlert[]>;

  // Data minimisation (src/storage/minimisation-queries.ts): forgetting a comment for good, and purging
  // comment text past its retention. Aggregates, analysis fields and provenance hashes always stay.
  /** Deletes the comment (as deleteComment) and records its key so it is never stored again, in one
   *  transaction; clears its text from safety alerts and its id from divergence alert evidence.
   *  Returns whether a comment existed. Forgetting twice keeps the first request's time. */
  forgetComment(source: string, externalId: string, forgottenAt: string): Promise<boolean>;
  /** The subset of `externalIds` of one source that has been forgotten. */
  forgottenIds(source: string, externalIds: readonly string[]): Promise<Set<string>>;
  /** Empties the text of comments posted (when undated: fetched) before `before` and stamps
   *  `purged_at`; returns how many were purged. */
  purgeCommentText(before: string, purgedAt: string): Promise<number>;
  /**
   * Drops what the near-duplicate lookup keeps for comments deleted or rewritten since they were
   * stored (the SimHash journal's rows). Returns the entries dropped.
   */
  compactDuplicateLookup(): Promise<number>;
  /** Comments whose text has been purged. */
  countPurgedComments(): Promise<number>;

  // Triangulation and API keys (src/storage/triangulation-queries.ts, api-key-queries.ts). Triangulated
  // scores are replaced as a whole per run; API keys are stored as SHA-256 hashes only.
  /**
   * Replaces every triangulated score and summary row in one transaction, with the fingerprint of the
   * inputs they were computed from (dropped when not given).
   */
  replaceTriangulation(
    cells: readonly TriangulatedCell[],
    summary: readonly TumourGroupSummary[],
    computedAt: string,
    inputsFingerprint?: string,
  ): Promise<void>;
  /** The inputs fingerprint stored with the current scores, if any. */
  triangulationInputs(): Promise<string | undefined>;
  /** By (odsCode, tumourGroup, theme), keyset-paginated like listComments. */
  listTriangulation(
    filter: TriangulationFilter,
    page: { limit: number; after?: string | null },
  ): Promise<Page<TriangulatedCell>>;
  listTriangulationSummary(): Promise<TumourGroupSummary[]>;
  /** A token per dataset the API keeps in memory (aggregates, triangulation, API keys) that changes in the
   *  transaction of its every write (src/storage/data-versions.ts): one small read tells a cache whether
   *  what it holds is still current. */
  dataVersions(): Promise<DataVersions>;
  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** Oldest first, revoked keys included. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Returns whether an active key with that id existed. */
  revokeApiKey(id: string, revokedAt: string): Promise<boolean>;
  /** Every key ever created, revoked ones included (the API requires keys once there is one). */
  countApiKeys(): Promise<number>;
}
