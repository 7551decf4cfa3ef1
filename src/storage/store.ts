import type {
  PageProvenance,
  ProcessedComment,
  QuarantineRecord,
  SentimentLabel,
  ThemeId,
  TumourGroupId,
} from '../domain/model.js';

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
}

/**
 * The one storage interface. SQLite (embedded default) and PostgreSQL implement it; one contract
 * suite (test/integration/storage) runs against both. Every write is idempotent.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; safe to call on every start. */
  migrate(): Promise<void>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  recordPages(pages: PageProvenance[]): Promise<void>;
  countPages(source?: string): Promise<number>;

  /** Upsert by (source, externalId) in one transaction; an identical row counts as unchanged. */
  upsertComments(comments: ProcessedComment[]): Promise<UpsertResult>;
  getComment(source: string, externalId: string): Promise<ProcessedComment | null>;
  listComments(filter: CommentFilter, page: { limit: number; after?: string | null }): Promise<Page<ProcessedComment>>;
  countComments(filter?: CommentFilter): Promise<number>;
  /** Removes a comment (upstream deletion or a request to forget it); returns whether it existed. */
  deleteComment(source: string, externalId: string): Promise<boolean>;
  /**
   * Earlier comments that may duplicate the given ones: same content hash, or a SimHash that shares
   * one of its four 16-bit bands. The caller decides by Hamming distance.
   */
  findDuplicateCandidates(contentHashes: string[], simhashes: string[]): Promise<DuplicateCandidate[]>;

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

  recordRun(run: RunRecord): Promise<void>;
  /** The newest run per (kind, source). */
  lastRuns(): Promise<RunRecord[]>;
}
