import { z } from 'zod';

/** Longest comment accepted, in characters; shared by the collect stage and `carevoice analyse`. */
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

/**
 * Tunables of the pipeline stages, validated once when the handlers are created. Every field has
 * a default, so `pipelineOptionsSchema.parse({})` gives a working set.
 */
export const pipelineOptionsSchema = z.object({
  /** Redacted comments per `process` job: large enough to amortise a store transaction, small
   *  enough to keep a job's payload in Redis modest. @defaultValue 200 */
  batchSize: z.number().int().min(50).max(500).default(200),
  /** Longest accepted comment in characters; longer ones are quarantined as `text_too_long`.
   *  @defaultValue 20000 */
  maxTextLength: z.number().int().positive().default(DEFAULT_MAX_TEXT_LENGTH),
  /** Page budget of one collect run per source; the stored cursor lets the next run go on.
   *  @defaultValue 50 */
  maxPages: z.number().int().positive().default(50),
  /** Per-source page budgets that override `maxPages` (e.g. a file inbox may read more pages per run
   *  than a rate-limited API). @defaultValue none */
  maxPagesBySource: z.record(z.string(), z.number().int().positive()).default({}),
  /** Normalised texts shorter than this are never duplicates. @defaultValue 40 */
  dedupeMinLength: z.number().int().nonnegative().default(40),
  /** Largest SimHash Hamming distance counted as a near-duplicate. @defaultValue 3 */
  maxHammingDistance: z.number().int().min(0).max(64).default(3),
  /** Floor on the empirical-Bayes prior strength (pseudo-comments). @defaultValue 4 */
  minPriorStrength: z.number().positive().default(4),
  /** Ceiling on the prior strength when trusts vary no more than chance. @defaultValue 200 */
  maxPriorStrength: z.number().positive().default(200),
  /** Aggregate cells with fewer comments are suppressed in exports. @defaultValue 5 */
  exportMinCellCount: z.number().int().positive().default(5),
  /** Dated export folders to keep. @defaultValue 30 */
  exportRetain: z.number().int().positive().default(30),
});

export type PipelineOptions = z.output<typeof pipelineOptionsSchema>;
export type PipelineOptionsInput = z.input<typeof pipelineOptionsSchema>;
