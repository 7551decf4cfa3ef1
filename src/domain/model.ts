/**
 * The shared vocabulary of CareVoice. Every other module speaks in these types.
 *
 * Terminology
 * - comment:      one piece of public text about care (a post, review, story or FFT answer), identified by
 *                 its natural key (source, externalId). Its text is redacted before it is stored or enqueued.
 * - source:       where comments come from (`file`, `sample`, `reddit`, …); each has a connector and its own
 *                 collect queue with its own rate limiter.
 * - page:         one fetch from a source (an HTTP response, a slice of a file); provenance is kept per page.
 * - batch:        50–500 redacted comments carried by one `process` job.
 * - stage:        one step of the pipeline with a payload schema and a handler (collect, process, aggregate,
 *                 export); a queue boundary sits only where the failure or rate domain changes.
 * - trust:        an NHS trust, identified by its ODS organisation code (`RBV`).
 * - tumour group: a CPES cancer grouping (`sarcoma`, `brain_cns`, …); rare and less common cancers are
 *                 every group but breast, prostate, lung and colorectal.
 * - theme:        an aspect of experience (`waiting_times`, `cns_access`, …) crosswalked to CPES questions,
 *                 FFT framework categories and complaint subject areas.
 * - period:       a calendar month, `YYYY-MM`, in Europe/London time; the unit of aggregation.
 * - quarantine:   where a malformed record goes, with its reason, instead of being dropped.
 */

export const TUMOUR_GROUPS = [
  'brain_cns',
  'breast',
  'colorectal',
  'gynaecological',
  'haematological',
  'head_and_neck',
  'lung',
  'prostate',
  'sarcoma',
  'skin',
  'upper_gi',
  'urological',
  'other',
] as const;
export type TumourGroupId = (typeof TUMOUR_GROUPS)[number];

/** The four common cancers; every other group (including `other`) is rare or less common. */
export const COMMON_TUMOUR_GROUPS: readonly TumourGroupId[] = ['breast', 'prostate', 'lung', 'colorectal'];

export const THEMES = [
  'gp_referral',
  'diagnostic_tests',
  'being_told_diagnosis',
  'treatment_decisions',
  'cns_access',
  'waiting_times',
  'inpatient_care',
  'outpatient_day_care',
  'emotional_support',
  'information_communication',
  'staff_attitude_dignity',
  'care_coordination',
  'home_community_support',
  'digital_access',
  'equity_inclusion',
  'facilities_environment',
  'pain_symptom_management',
  'end_of_life_care',
] as const;
export type ThemeId = (typeof THEMES)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const SAFETY_KINDS = [
  'medication_error',
  'missed_deterioration',
  'fall',
  'pressure_ulcer',
  'unsafe_discharge',
  'safeguarding',
  'self_harm',
  'other_harm',
] as const;
export type SafetyKind = (typeof SAFETY_KINDS)[number];

export const REDACTION_KINDS = [
  'email',
  'phone',
  'nhs_number',
  'postcode',
  'date_of_birth',
  'hospital_number',
  'person_name',
  'address',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export interface RedactionCount {
  kind: RedactionKind;
  count: number;
}

/** The FFT prompt a comment answered, when known; it changes what a bare "Nothing" means. */
export const QUESTION_KINDS = ['what_was_good', 'what_could_be_better', 'why', 'unknown'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Facts a source states about a comment beside its text, each only where the source has it. They are
 * kept as the source gave them (not used by the analysis), so a reader can check the source's own view.
 */
export interface CommentAttributes {
  /** The source's own labels (Care Opinion tags), redacted like text. */
  tags?: string[] | undefined;
  /** Care Opinion criticality: −5 (highly critical) … 5 (highly positive), an integer. */
  criticality?: number | undefined;
  /** The respondent's own FFT answer: 1 very good … 5 very poor (not CareVoice's 1–5 rating). */
  fftRating?: 1 | 2 | 3 | 4 | 5 | undefined;
  /** The service or department the source names (FFT `Service type 1`), redacted like text. */
  service?: string | undefined;
}

/**
 * A comment as a connector hands it over after validate → normalise → redact. This is the only shape
 * that is ever stored or put on a queue: `text` is already redacted and `authorHash` is a keyed hash.
 */
export interface RedactedComment {
  source: string;
  externalId: string;
  text: string;
  /** The prompt the comment answered, verbatim, when the source knows it. */
  question?: string | undefined;
  /** ISO-8601 instant the author posted it, when known. */
  postedAt?: string | undefined;
  /** ISO-8601 instant CareVoice fetched the page that carried it. */
  fetchedAt: string;
  /** Permalink to the comment, when the source has one. */
  url?: string | undefined;
  /** Keyed SHA-256 of the author handle; never the handle itself. */
  authorHash?: string | undefined;
  /** ODS code stated by the source itself (it wins over text linking). */
  odsCode?: string | undefined;
  /** SHA-256 of the raw page the comment came from (joins to page provenance). */
  pageHash: string;
  redactions: RedactionCount[];
  /** Source-specific facts (tags, criticality, FFT answer, service); absent when the source has none. */
  attributes?: CommentAttributes | undefined;
}

export interface SentimentScore {
  label: SentimentLabel;
  /** −1 (very negative) … 1 (very positive). */
  score: number;
}

export interface ThemeSentiment {
  id: ThemeId;
  sentiment: SentimentLabel;
}

export interface Provider {
  odsCode: string;
  name: string;
}

/** What the per-comment intelligence says about one comment (the `analyse` contract minus id/text). */
export interface CommentAnalysis {
  sentiment: SentimentScore;
  /** 1 (very poor) … 5 (very good). */
  rating: 1 | 2 | 3 | 4 | 5;
  themes: ThemeSentiment[];
  tumourGroups: TumourGroupId[];
  rareCancer: boolean;
  provider: Provider | null;
  safety: { kind: SafetyKind }[];
}

export interface AnalysisInput {
  /** Redacted text. */
  text: string;
  question?: string | undefined;
  postedAt?: string | undefined;
  /** ODS code given by the source; when it names a known trust it wins over text linking. */
  odsCode?: string | undefined;
}

export type Analyser = (input: AnalysisInput) => CommentAnalysis;

/** A comment after the `process` stage: what the store holds. */
export interface ProcessedComment extends RedactedComment, CommentAnalysis {
  /** SHA-256 of the normalised text (lower case, collapsed whitespace): exact-duplicate key. */
  contentHash: string;
  /** 64-bit SimHash of the normalised text as 16 hex digits: near-duplicate key. */
  simhash: string;
  /** Natural key `source:externalId` of the earlier comment this one duplicates; duplicates are kept
   *  but never counted in aggregates. */
  duplicateOf: string | null;
  /** Period (`YYYY-MM`, Europe/London) of postedAt, or of fetchedAt when postedAt is unknown. */
  period: string;
  processedAt: string;
}

/** A record that could not be accepted, kept for inspection. Its payload is redacted like everything else. */
export interface QuarantineRecord {
  source: string;
  /** The record's own id when it had a readable one. */
  externalId?: string | undefined;
  /** Stable code, e.g. `invalid_json`, `missing_text`, `text_too_long`. */
  code: string;
  reason: string;
  /** Redacted, truncated rendering of what was received. */
  payload: string;
  /** Where it came from: file and line, or page URL. */
  location?: string | undefined;
  receivedAt: string;
}

/** Provenance of one fetched page (or file slice). */
export interface PageProvenance {
  source: string;
  url: string;
  fetchedAt: string;
  contentHash: string;
  itemCount: number;
}
