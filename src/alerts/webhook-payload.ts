import { createHmac } from 'node:crypto';
import type { NewAlert } from './alert.js';

/**
 * What the webhook receives: the alert as JSON, an `Idempotency-Key` equal to the alert id (a
 * receiver that saw the key already can drop a repeat after a lost acknowledgement), and, when a
 * secret is configured, an HMAC-SHA256 signature over `<timestamp>.<body>`.
 */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const SIGNATURE_HEADER = 'X-CareVoice-Signature';
export const TIMESTAMP_HEADER = 'X-CareVoice-Timestamp';

export interface WebhookBody {
  id: string;
  type: NewAlert['type'];
  kind: NewAlert['kind'];
  trust: { odsCode: string; name: string | null } | null;
  tumourGroups: NewAlert['tumourGroups'];
  theme: NewAlert['theme'];
  period: string;
  /** Redacted: the same text the store and API hold, never the original. */
  evidenceText: string;
  comment: NewAlert['comment'];
  evidence: NewAlert['evidence'];
  createdAt: string;
}

export function webhookBody(alert: NewAlert): WebhookBody {
  return {
    id: alert.id,
    type: alert.type,
    kind: alert.kind,
    trust: alert.odsCode === null ? null : { odsCode: alert.odsCode, name: alert.trustName },
    tumourGroups: alert.tumourGroups,
    theme: alert.theme,
    period: alert.period,
    evidenceText: alert.evidenceText,
    comment: alert.comment,
    evidence: alert.evidence,
    createdAt: alert.createdAt,
  };
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`); the timestamp stops replays. */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The request's body text and headers, ready to send. */
export function webhookRequest(
  alert: NewAlert,
  options: { secret?: string | undefined; now: Date },
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(webhookBody(alert));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [IDEMPOTENCY_HEADER]: alert.id,
  };
  if (options.secret !== undefined) {
    const timestamp = String(Math.floor(options.now.getTime() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signWebhookBody(options.secret, timestamp, body);
  }
  return { body, headers };
}
