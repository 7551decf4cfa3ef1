/**
 * Kysely table types shared by the SQLite and PostgreSQL stores. Column names are snake_case in the
 * database; row-mapping.ts turns rows into domain objects. Instants are ISO-8601 text in both dialects
 * so that ordering and comparison behave the same everywhere; arrays and objects are JSON text.
 */
import type { Insertable, Selectable } from 'kysely';

export interface CommentsTable {
  source: string;
  external_id: string;
  text: string;
  question: string | null;
  posted_at: string | null;
  fetched_at: string;
  url: string | null;
  author_hash: string | null;
  /** ODS code stated by the source itself (RedactedComment.odsCode). */
  stated_ods_code: string | null;
  page_hash: string;
  /** JSON: RedactionCount[]. */
  redactions: string;
  sentiment_label: string;
  sentiment_score: number;
  rating: number;
  /** JSON: ThemeSentiment[] (also normalised into comment_themes). */
  themes: string;
  /** JSON: TumourGroupId[] (also normalised into comment_tumour_groups). */
  tumour_groups: string;
  /** 0 or 1: SQLite has no boolean type, so both dialects use an integer. */
  rare_cancer: number;
  /** Linked provider (the trust the comment is counted under). */
  ods_code: string | null;
  provider_name: string | null;
  /** JSON: { kind }[]. */
  safety: string;
  content_hash: string;
  /** 16 lower-case hex digits. */
  simhash: string;
  /** The four 16-bit bands of the SimHash, indexed for near-duplicate lookups. */
  sim_band0: number;
  sim_band1: number;
  sim_band2: number;
  sim_band3: number;
  duplicate_of: string | null;
  period: string;
  processed_at: string;
  /** SHA-256 of the comment's content fields: an upsert with the same hash leaves the row untouched. */
  row_hash: string;
}

export interface CommentThemesTable {
  source: string;
  external_id: string;
  theme: string;
  sentiment: string;
}

export interface CommentTumourGroupsTable {
  source: string;
  external_id: string;
  tumour_group: string;
}

export interface PagesTable {
  source: string;
  url: string;
  content_hash: string;
  fetched_at: string;
  item_count: number;
}

export interface QuarantineTable {
  /** SHA-256 of source, externalId, code and payload: the idempotency key. */
  id: string;
  source: string;
  external_id: string | null;
  code: string;
  reason: string;
  payload: string;
  location: string | null;
  received_at: string;
}

export interface CursorsTable {
  source: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface AggregatesTable {
  ods_code: string;
  theme: string;
  tumour_group: string;
  period: string;
  n: number;
  positive: number;
  neutral: number;
  negative: number;
  mean_score: number;
  positive_share: number;
  positive_share_lower: number;
  positive_share_upper: number;
  computed_at: string;
}

export interface RunsTable {
  id: string;
  kind: string;
  source: string | null;
  started_at: string;
  finished_at: string;
  status: string;
  /** JSON: Record<string, number>. */
  counts: string;
  message: string | null;
}

export interface Database {
  comments: CommentsTable;
  comment_themes: CommentThemesTable;
  comment_tumour_groups: CommentTumourGroupsTable;
  pages: PagesTable;
  quarantine: QuarantineTable;
  cursors: CursorsTable;
  aggregates: AggregatesTable;
  runs: RunsTable;
}

export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
