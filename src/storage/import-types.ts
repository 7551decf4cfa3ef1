/**
 * What the importers hand to the store and what the store hands back: published survey and complaints
 * figures (CPES, FFT, KO41a) in one common shape per collection, each row tagged with the file it came from.
 */
import type { ThemeId } from '../domain/model.js';
import type { TumourGroupKey } from './store.js';

export const IMPORT_KINDS = ['cpes', 'fft', 'complaints'] as const;
/** Which collection a file belongs to; CPES 2018 and later CPES layouts both store as `cpes`. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One imported file: its SHA-256 is the idempotency key for its rows. */
export interface ImportedFile {
  sha256: string;
  kind: ImportKind;
  /** The layout the importer recognised, e.g. `cpes-2018`, `fft-trusts-sheet`, `ko41a-long`. */
  layout: string;
  /** Base name of the file as given (no folders: paths are local to one machine). */
  fileName: string;
  importedAt: string;
  rowsRead: number;
  rowsStored: number;
}

/** One published CPES score: a trust's (or England's) result on one question for one tumour group. */
export interface ImportedCpesScore {
  /** `cpes` (the adult National Cancer Patient Experience Survey). */
  survey: string;
  year: number;
  /** ODS code of the trust; null for England. */
  odsCode: string | null;
  tumourGroup: TumourGroupKey;
  /** Question number in that year's questionnaire (numbering changes between years). */
  question: number;
  respondents: number;
  /** Percentage positive, 0–100. */
  score: number;
  ciLower: number | null;
  ciUpper: number | null;
  /** Themes the question measures, from the theme crosswalk; empty when the year has no crosswalk. */
  themes: ThemeId[];
}

/** FFT settings CareVoice records; the FFT publishes one workbook per setting. */
export const FFT_SETTINGS = [
  'inpatient',
  'daycase',
  'ae',
  'outpatient',
  'maternity',
  'mental_health',
  'community',
  'ambulance',
  'patient_transport',
] as const;
export type FftSetting = (typeof FFT_SETTINGS)[number];

/** Fields of an FFT row that may be published as `*` (suppressed, fewer than five responses). */
export type FftField =
  | 'totalResponses'
  | 'totalEligible'
  | 'percentagePositive'
  | 'percentageNegative'
  | 'veryGood'
  | 'good'
  | 'neither'
  | 'poor'
  | 'veryPoor'
  | 'dontKnow';

/** One trust's (or one site's) FFT results for one setting and month. Null: suppressed or not calculable. */
export interface ImportedFftResponse {
  setting: FftSetting;
  /** `YYYY-MM`. */
  period: string;
  odsCode: string;
  /** ODS site code for site-level rows; null for trust-level rows. */
  siteCode: string | null;
  totalResponses: number | null;
  totalEligible: number | null;
  /** Share of responses that were very good or good, 0–1. */
  percentagePositive: number | null;
  /** Share of responses that were poor or very poor, 0–1. */
  percentageNegative: number | null;
  veryGood: number | null;
  good: number | null;
  neither: number | null;
  poor: number | null;
  veryPoor: number | null;
  dontKnow: number | null;
  /** Fields published as `*`; a null field not listed here was `-` (not calculable) or blank. */
  suppressed: FftField[];
}

/** Written complaints (KO41a) recorded against one subject area at one organisation (or site) in one period. */
export interface ImportedComplaintCount {
  /** As published, in canonical spelling: `2023-24` (financial year) or `2016-17 Q3` (quarter). */
  period: string;
  /** `2023-24`: the financial year the period falls in. */
  financialYear: string;
  /** 1–4 for quarterly returns; null for annual ones. */
  quarter: number | null;
  odsCode: string;
  siteCode: string | null;
  /** The subject area as the file names it. */
  subjectArea: string;
  /** Null when the file suppressed the count (`*`). */
  complaints: number | null;
  /** Themes of the subject area from the theme crosswalk; empty for subject areas it does not list. */
  themes: ThemeId[];
}

export interface CpesScoreFilter {
  year?: number;
  /** A trust's code, or null for England's rows. */
  odsCode?: string | null;
  tumourGroup?: TumourGroupKey;
  theme?: ThemeId;
  question?: number;
}

export interface FftResponseFilter {
  setting?: FftSetting;
  odsCode?: string;
  /** Inclusive `YYYY-MM` bounds. */
  periodFrom?: string;
  periodTo?: string;
  /** true: site rows only; false: trust rows only. @defaultValue both */
  sites?: boolean;
}

export interface ComplaintCountFilter {
  odsCode?: string;
  theme?: ThemeId;
  /** `2023-24`. */
  financialYear?: string;
  /** Exact period, e.g. `2016-17 Q3`. */
  period?: string;
}

/** What one import write did. */
export interface ImportWriteResult {
  /** Rows written (every row handed over). */
  stored: number;
  /** Rows removed first because an earlier import of the same file had stored them. */
  replaced: number;
}
