import { z } from 'zod';
import { divergenceOptionsSchema } from '../../alerts/divergence/divergence-options.js';

/**
 * Tunables of the alert stage, validated once when the handlers are created. Every field has a
 * default, so `alertOptionsSchema.parse({})` gives a working set (alerts stored, none sent).
 */
export const alertOptionsSchema = z.object({
  /** Where alerts are POSTed. Absent: alerts are stored and listed but not sent. @defaultValue none */
  webhookUrl: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  /** HMAC-SHA256 key for the signature header; absent: requests are not signed. @defaultValue none */
  webhookSecret: z.string().min(16, { error: 'a secret of at least 16 characters' }).optional(),
  /** Longest wait for the webhook's answer; a timeout is retried. @defaultValue 10000 */
  timeoutMs: z.number().int().positive().default(10_000),
  /** A pending alert untouched this long is re-enqueued by the sweep (its job may be lost).
   *  @defaultValue 900000 (15 minutes) */
  staleAfterMs: z.number().int().positive().default(900_000),
  /** Most alerts one sweep re-enqueues; the next sweep takes the rest. @defaultValue 500 */
  sweepLimit: z.number().int().positive().default(500),
  divergence: divergenceOptionsSchema.prefault({}),
});

export type AlertOptions = z.output<typeof alertOptionsSchema>;
export type AlertOptionsInput = z.input<typeof alertOptionsSchema>;

/** How long a claimed alert stays with its worker: the request timeout plus room to record the answer. */
export function leaseMs(options: AlertOptions): number {
  return options.timeoutMs + 30_000;
}
