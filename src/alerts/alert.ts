/**
 * Alerts: what CareVoice raises for people to look at now rather than in the monthly figures.
 *
 * - safety alert:     a stored, non-duplicate comment that the analyser flagged with a safety concern
 *                     (one alert per comment × safety kind).
 * - divergence alert: a trust × theme whose comments are credibly worse than its survey results
 *                     suggest, or credibly worse lately than in the months before.
 * - delivery:         each alert is POSTed once to the configured webhook; the alerts table is the
 *                     outbox, so an alert whose job was lost is found again and sent by the sweep.
 */
import { createHash } from 'node:crypto';
import { SAFETY_KINDS, type SafetyKind, type ThemeId, type TumourGroupId } from '../domain/model.js';

export const ALERT_TYPES = ['safety', 'divergence'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const DIVERGENCE_KINDS = ['worse_than_survey', 'deteriorating'] as const;
export type DivergenceKind = (typeof DIVERGENCE_KINDS)[number];

export const ALERT_KINDS = [...SAFETY_KINDS, ...DIVERGENCE_KINDS] as const;
export type AlertKind = SafetyKind | DivergenceKind;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface CommentKey {
  source: string;
  externalId: string;
}

/** A span of months and what the comments in it said. */
export interface WindowEvidence {
  periodFrom: string;
  periodTo: string;
  /** Non-duplicate comments on the theme. */
  n: number;
  positive: number;
  negative: number;
  /** Posterior positive share: mean and equal-tailed credible interval. */
  share: { mean: number; lower: number; upper: number };
}

/** Why a divergence alert was raised, with enough numbers to check it by hand. */
export interface DivergenceEvidence {
  /** `deteriorating`: the 3 months before; `worse_than_survey`: the comment window. */
  recent: WindowEvidence;
  /** `deteriorating` only: the months before `recent`. */
  baseline?: WindowEvidence | undefined;
  /** `worse_than_survey` only: the trust's survey score for the theme (0–1) and what it implies. */
  survey?: { score: number; nationalScore: number; expectedShare: number } | undefined;
  /** Posterior probability of the divergence (beyond the minimum difference). */
  probability: number;
  /** Keys (`source:externalId`) of up to 20 negative comments behind it. */
  commentIds: string[];
}

export interface NewAlert {
  /** Deterministic: the same finding always has the same id (see alertId). */
  id: string;
  type: AlertType;
  kind: AlertKind;
  odsCode: string | null;
  trustName: string | null;
  tumourGroups: TumourGroupId[];
  theme: ThemeId | null;
  /** The comment's period, or the last month of a divergence window. */
  period: string;
  /** Safety: the comment's redacted text. Divergence: one sentence with the figures. */
  evidenceText: string;
  /** Safety: the comment that raised it. */
  comment: CommentKey | null;
  evidence: DivergenceEvidence | null;
  createdAt: string;
}

export interface AlertDelivery {
  state: DeliveryState;
  /** Delivery attempts started (POSTs tried). */
  attempts: number;
  /** Why the last attempt did not deliver. */
  lastError: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

export interface StoredAlert extends NewAlert {
  delivery: AlertDelivery;
}

export interface AlertFilter {
  type?: AlertType;
  kind?: AlertKind;
  odsCode?: string;
  /** Inclusive lower bound on createdAt (ISO-8601). */
  createdFrom?: string;
  /** Exclusive upper bound on createdAt (ISO-8601). */
  createdBefore?: string;
  delivered?: boolean;
}

/** How a claimed delivery attempt ended: delivered, refused for good, or to be tried again. */
export type DeliverySettlement =
  | { state: 'delivered'; at: string }
  | { state: 'failed'; at: string; error: string }
  | { state: 'pending'; at: string; error: string };

/** 32 hex digits of SHA-256 over the alert's identity: re-raising the same finding hits the same row. */
export function alertId(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, 32);
}

/** Safety alerts are keyed by (source, externalId, kind): re-processing a comment never adds one. */
export function safetyAlertId(comment: CommentKey, kind: SafetyKind): string {
  return alertId(['safety', comment.source, comment.externalId, kind]);
}

/** Divergence alerts are keyed by finding, trust, theme and window end: one per month at most. */
export function divergenceAlertId(kind: DivergenceKind, odsCode: string, theme: ThemeId, period: string): string {
  return alertId(['divergence', kind, odsCode, theme, period]);
}

/**
 * Job id of a delivery attempt round. Keyed by attempts made so far: a lost job is re-added under
 * the same id (BullMQ keeps one), while an alert whose retries ran out gets a fresh id.
 */
export function alertDeliveryJobId(id: string, attempts: number): string {
  return `alert-${id}-${attempts}`;
}
