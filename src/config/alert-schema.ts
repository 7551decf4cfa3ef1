import { z } from 'zod';
import { integerFrom, positiveInteger, schedule, section } from './schema-parts.js';

/**
 * The `alerts` settings: where safety and divergence alerts are sent, and how the divergence rules
 * decide. The webhook URL and its signing secret are secrets (env only): a URL often carries a token.
 */

const webhookUrlExpected = 'an http:// or https:// URL';
const secretExpected = 'a secret of at least 16 characters';

const share = (expected: string, min: number, max: number) =>
  z.number({ error: expected }).min(min, { error: expected }).max(max, { error: expected });

export const alertsSchema = section({
  /** Secret: only from CAREVOICE_ALERT_WEBHOOK_URL. Absent: alerts are stored and listed, not sent. */
  webhookUrl: z
    .string({ error: webhookUrlExpected })
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: webhookUrlExpected })
    .optional(),
  /** Secret: only from CAREVOICE_ALERT_WEBHOOK_SECRET; signs each request (HMAC-SHA256). */
  webhookSecret: z.string({ error: secretExpected }).min(16, { error: secretExpected }).optional(),
  /** Longest wait for the webhook's answer; a timeout is retried. @defaultValue 10000 */
  timeoutMs: integerFrom(100, 120_000).default(10_000),
  /** A pending alert untouched this long is re-enqueued by the sweep. @defaultValue 900000 (15 minutes) */
  staleAfterMs: positiveInteger().default(900_000),
  /** Most alerts one sweep re-enqueues. @defaultValue 500 */
  sweepLimit: positiveInteger().default(500),
  /** Re-enqueue undelivered alerts whose job was lost. @defaultValue `*\/10 * * * *` (every ten minutes) */
  sweep: schedule('*/10 * * * *'),
  divergence: section({
    /** Look for divergence. @defaultValue `45 * * * *` (hourly, half an hour after the aggregate) */
    schedule: schedule('45 * * * *'),
    /** Fewest comments in a window before a rule looks at it. @defaultValue 20 */
    minComments: positiveInteger().default(20),
    /** Posterior probability needed to alert. @defaultValue 0.95 */
    credibility: share('a probability from 0.5 to 0.999', 0.5, 0.999).default(0.95),
    /** Smallest gap in positive share worth an alert (0.05 = 5 points). @defaultValue 0.05 */
    minDifference: share('a share from 0 to 0.5', 0, 0.5).default(0.05),
    /** Months in the recent window of the deterioration rule. @defaultValue 3 */
    recentMonths: integerFrom(1, 24).default(3),
    /** Months before the recent window it is compared with. @defaultValue 6 */
    baselineMonths: integerFrom(1, 36).default(6),
    /** Months of comments set against the survey. @defaultValue 12 */
    surveyWindowMonths: integerFrom(1, 36).default(12),
  }),
});

export const ALERT_SECRET_KEYS: Readonly<Record<string, string>> = {
  'alerts.webhookUrl': 'CAREVOICE_ALERT_WEBHOOK_URL',
  'alerts.webhookSecret': 'CAREVOICE_ALERT_WEBHOOK_SECRET',
};
