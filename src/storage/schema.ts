/**
 * Kysely table types shared by the SQLite and PostgreSQL stores. Column names are snake_case in the
 * database; row-mapping.ts turns rows into domain objects. Instants are ISO-8601 text in both dialects
 * so that ordering and comparison behave the same everywhere; arrays and objects are JSON text.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  /** The four 16-bit bands of the SimHash, indexed for near-duplicate lookups on PostgreSQL. */
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

// Imported survey and complaints figures (migration 002-imports). Theme lists are JSON text.
export interface ImportFilesTable {
  sha256: string;
  kind: string;
  layout: string;
  file_name: string;
  imported_at: string;
  rows_read: number;
  rows_stored: number;
}

export interface ImportedCpesScoresTable {
  /** JSON of the natural key: [survey, year, ods code or null, tumour group, question]. */
  row_key: string;
  survey: string;
  year: number;
  ods_code: string | null;
  tumour_group: string;
  question: number;
  respondents: number;
  score: number;
  ci_lower: number | null;
  ci_upper: number | null;
  themes: string;
  file_sha256: string;
}

export interface ImportedFftResponsesTable {
  /** JSON of the natural key: [setting, period, ods code, site code or null]. */
  row_key: string;
  setting: string;
  period: string;
  ods_code: string;
  site_code: string | null;
  total_responses: number | null;
  total_eligible: number | null;
  percentage_positive: number | null;
  percentage_negative: number | null;
  very_good: number | null;
  good: number | null;
  neither: number | null;
  poor: number | null;
  very_poor: number | null;
  dont_know: number | null;
  /** JSON: FftField[]. */
  suppressed: string;
  file_sha256: string;
}

export interface ImportedComplaintsTable {
  /** JSON of the natural key: [period, ods code, site code or null, subject area]. */
  row_key: string;
  period: string;
  financial_year: string;
  quarter: number | null;
  ods_code: string;
  site_code: string | null;
  subject_area: string;
  complaints: number | null;
  themes: string;
  file_sha256: string;
}

// Alerts (migration 003-alerts): safety and divergence alerts and their webhook delivery state.
export interface AlertsTable {
  /** 32 hex digits derived from the finding (safety: source, externalId, kind): the idempotency key. */
  id: string;
  /** `safety` or `divergence`. */
  type: string;
  /** A SafetyKind, or `worse_than_survey` / `deteriorating`. */
  kind: string;
  ods_code: string | null;
  trust_name: string | null;
  /** JSON: TumourGroupId[]. */
  tumour_groups: string;
  theme: string | null;
  period: string;
  /** Redacted comment text (safety) or a sentence with the figures (divergence). */
  evidence_text: string;
  comment_source: string | null;
  comment_external_id: string | null;
  /** JSON: DivergenceEvidence, for divergence alerts. */
  evidence: string | null;
  created_at: string;
  /** `pending`, `delivered` or `failed` (refused for good). */
  delivery_state: string;
  attempts: number;
  last_error: string | null;
  delivered_at: string | null;
  failed_at: string | null;
  /** While set and in the future, one worker holds the alert for a delivery attempt. */
  leased_until: string | null;
  /** Last change of delivery state; the redelivery sweep looks for stale pending rows. */
  updated_at: string;
}

// Data minimisation (migration 004-minimisation). The retention purge's column is merged into
// CommentsTable here so this block holds all of it; it is optional on insert (upserts never set it).
export interface CommentsTable {
  /** When the retention purge emptied `text`; null while the text is kept. */
  purged_at: ColumnType<string | null, string | null | undefined, string | null>;
}

// Source-specific attributes (migration 006-attributes), merged into CommentsTable like purged_at;
// optional on insert so rows written without them stay valid.
export interface CommentsTable {
  /** JSON: CommentAttributes, or null when the source stated none. */
  attributes: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Natural keys of comments someone asked CareVoice to forget: never stored again. */
export interface ForgottenCommentsTable {
  source: string;
  external_id: string;
  forgotten_at: string;
}

// Triangulation and API keys (migration 005-triangulation).
/** One trust × tumour group × theme score; replaced as a whole per triangulation run. */
export interface TriangulatedScoresTable {
  ods_code: string;
  trust_name: string;
  tumour_group: string;
  theme: string;
  estimate: number;
  lower: number;
  upper: number;
  /** 1 when every question behind it was published, else 0. */
  observed: number;
  respondents: number | null;
  /** 1 for rare and less common cancers, else 0. */
  rare_cancer: number;
  /** JSON: TriangulationSource[]. */
  sources: string;
  year: number;
  computed_at: string;
}

export interface TriangulationSummaryTable {
  tumour_group: string;
  trusts_published: number;
  trusts_suppressed: number;
  national_estimate: number;
  national_lower: number;
  national_upper: number;
  year: number;
  computed_at: string;
}

/** Migration 007: what the stored triangulation was computed from; one row, id `latest`. */
export interface TriangulationInputsTable {
  id: string;
  fingerprint: string;
  computed_at: string;
}

/** Migration 010: a token per dataset readers keep in memory, replaced in the same transaction as its every write. */
export interface DataVersionsTable {
  dataset: string;
  version: string;
}

/** API keys: the SHA-256 of the key, never the key. */
export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * Every SimHash a comment row was given, in the order written, kept by triggers on `comments`
 * (migrations 013 for SQLite, 014 for PostgreSQL); each store handle reads it into its in-memory band index.
 */
export interface SimhashJournalTable {
  /** A number from SQLite; from PostgreSQL a bigint, which its driver gives as a string. */
  seq: Generated<number | string>;
  source: string;
  external_id: string;
  simhash: string;
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
  import_files: ImportFilesTable;
  imported_cpes_scores: ImportedCpesScoresTable;
  imported_fft_responses: ImportedFftResponsesTable;
  imported_complaints: ImportedComplaintsTable;
  alerts: AlertsTable;
  forgotten_comments: ForgottenCommentsTable;
  triangulated_scores: TriangulatedScoresTable;
  triangulation_summary: TriangulationSummaryTable;
  triangulation_inputs: TriangulationInputsTable;
  api_keys: ApiKeysTable;
  data_versions: DataVersionsTable;
  simhash_journal: SimhashJournalTable;
}

export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
