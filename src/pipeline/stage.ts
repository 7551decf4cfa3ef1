import type { Logger } from 'pino';
import { z } from 'zod';
import { REDACTION_KINDS } from '../domain/model.js';
import { commentAttributesSchema } from './comment-attributes.js';

/**
 * The pipeline's stages and their payloads. One typed map names every stage's payload, so a wrong
 * payload is a compile error, and zod checks it again when a job is picked up (job data comes from
 * Redis, so it is untrusted input).
 */

const isoInstant = z.string().datetime({ offset: true });
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period is YYYY-MM');

export const redactedCommentSchema = z.object({
  source: z.string().min(1),
  externalId: z.string().min(1).max(512),
  text: z.string(),
  question: z.string().optional(),
  postedAt: isoInstant.optional(),
  fetchedAt: isoInstant,
  url: z.string().optional(),
  authorHash: z.string().optional(),
  odsCode: z.string().optional(),
  pageHash: z.string().min(1),
  redactions: z.array(z.object({ kind: z.enum(REDACTION_KINDS), count: z.number().int().positive() })),
  attributes: commentAttributesSchema.optional(),
});

export const stagePayloadSchemas = {
  /** Fetch one page of one source after `cursor` (null: resume from the stored cursor). */
  collect: z.object({
    source: z.string().min(1),
    cursor: z.string().nullable(),
    /** Pages fetched so far in this run; a run stops at the source's page budget. */
    pageNumber: z.number().int().nonnegative().default(0),
    runId: z.string().min(1),
    /** When the run's first page was fetched; carried from page to page for the run record. */
    runStartedAt: isoInstant.optional(),
    /** Counts of the run's earlier pages, carried forward so the run record covers every page. */
    runTotals: z
      .object({
        items: z.number().int().nonnegative(),
        enqueued: z.number().int().nonnegative(),
        quarantined: z.number().int().nonnegative(),
        deleted: z.number().int().nonnegative(),
      })
      .optional(),
  }),
  /** Analyse, de-duplicate and store a batch of already-redacted comments. */
  process: z.object({
    source: z.string().min(1),
    batchId: z.string().min(1),
    comments: z.array(z.unknown()).min(1).max(500),
  }),
  /** Recompute aggregate cells for a range of periods (all periods when omitted). */
  aggregate: z.object({
    periodFrom: period.optional(),
    periodTo: period.optional(),
    reason: z.string().default('scheduled'),
  }),
  /** Write the export for one date (`YYYY-MM-DD`; today in Europe/London when omitted, as a
   *  scheduler's fixed payload needs); idempotent per date. */
  export: z.object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
      .optional(),
  }),
  /** Alerts: deliver one stored alert to the webhook, sweep for undelivered alerts whose job was lost,
   *  or look for divergence (every trust × theme, as of the latest month with comments when omitted). */
  alert: z.discriminatedUnion('action', [
    z.object({ action: z.literal('deliver'), alertId: z.string().regex(/^[0-9a-f]{32}$/, 'an alert id') }),
    z.object({ action: z.literal('sweep') }),
    z.object({ action: z.literal('divergence'), asOf: period.optional() }),
  ]),
} as const;

export type StageName = keyof typeof stagePayloadSchemas;
export const STAGE_NAMES = Object.keys(stagePayloadSchemas) as StageName[];
export type StagePayload<S extends StageName> = z.infer<(typeof stagePayloadSchemas)[S]>;
export type StagePayloadInput<S extends StageName> = z.input<(typeof stagePayloadSchemas)[S]>;

export interface EnqueueRequest<S extends StageName> {
  /** Deterministic job id: the same id enqueued twice runs once (while the first is kept). */
  id: string;
  payload: StagePayloadInput<S>;
  /** For `collect`: which source's queue. */
  source?: string;
  /** Delay before the job may run, in ms. */
  delayMs?: number;
}

export interface EnqueueOptions {
  /**
   * Resolve only once the configured replicas have the jobs (redis.waitForReplicas): for a hand-over
   * after which the caller moves on for good, as collect moves its source's cursor. @defaultValue false
   */
  replicated?: boolean;
}

/** What a stage handler may ask of the queue runtime; handlers never touch BullMQ directly. */
export interface StageHelpers {
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
  log: Logger;
  enqueue<S extends StageName>(stage: S, jobs: EnqueueRequest<S>[], options?: EnqueueOptions): Promise<void>;
  /**
   * Pauses this job's queue for `ms` and returns the job to the queue without counting a failure
   * (a source's 429 / Retry-After). Always throws; `return helpers.rateLimited(ms)` in a handler.
   */
  rateLimited(ms: number): Promise<never>;
  updateProgress(progress: number | Record<string, unknown>): Promise<void>;
}

/** A stage handler: an async function of its payload. Throwing lets the queue retry; throw
 *  `UnrecoverableStageError` for input that can never succeed. */
export type StageHandler<S extends StageName> = (payload: StagePayload<S>, helpers: StageHelpers) => Promise<unknown>;

export type StageHandlers = { [S in StageName]: StageHandler<S> };

/** Input that will never succeed on retry (bad payload); the job fails at once without retries. */
export class UnrecoverableStageError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UnrecoverableStageError';
    this.code = code;
  }
}
