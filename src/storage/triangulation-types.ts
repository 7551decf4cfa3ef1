/**
 * Triangulated scores as the triangulation service stores them and the API, CLI and dashboard read them:
 * one row per trust × tumour group × theme (`all`: the overall score), replaced as a whole per run.
 */
import type { ThemeId, TumourGroupId } from '../domain/model.js';

/**
 * Where a figure came from: the published survey, and the outside sources calibrated against it that fed
 * it (comment sentiment, FFT, KO41a complaints), in this order.
 */
export const TRIANGULATION_SOURCES = ['cpes', 'comments', 'fft', 'complaints'] as const;
export type TriangulationSource = (typeof TRIANGULATION_SOURCES)[number];

export interface TriangulatedCell {
  odsCode: string;
  /** From the trust reference; the ODS code when the reference does not know the trust. */
  trustName: string;
  tumourGroup: TumourGroupId;
  theme: ThemeId | 'all';
  /** Percentage positive, 0–100. */
  estimate: number;
  /** 95% interval, pp. */
  lower: number;
  upper: number;
  /** True when every question behind the figure was published; false when any was estimated. */
  observed: boolean;
  /** Fewest respondents among the published questions behind the figure; null when any was suppressed. */
  respondents: number | null;
  sources: TriangulationSource[];
  /** Survey year the figure stands for. */
  year: number;
}

/** One tumour group across England: how many trusts published it, and England's own figure. */
export interface TumourGroupSummary {
  tumourGroup: TumourGroupId;
  trustsPublished: number;
  trustsSuppressed: number;
  /** England's overall percentage positive for the group, 0–100, with its 95% interval. */
  nationalEstimate: number;
  nationalLower: number;
  nationalUpper: number;
  year: number;
}

export interface TriangulationFilter {
  odsCode?: string;
  tumourGroup?: TumourGroupId;
  theme?: ThemeId | 'all';
  observed?: boolean;
  /** Only rare and less common cancers (every group but breast, prostate, lung, colorectal). */
  rareOnly?: boolean;
}
