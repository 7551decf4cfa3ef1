import { z } from 'zod';

/**
 * Tunables of the divergence rules. Every field has a default, so `divergenceOptionsSchema.parse({})`
 * gives a working set.
 */
export const divergenceOptionsSchema = z.object({
  /** Fewest comments a window may hold before any rule looks at it: small numbers never alert.
   *  @defaultValue 20 */
  minComments: z.number().int().min(1).default(20),
  /** Posterior probability a divergence needs before it alerts. @defaultValue 0.95 */
  credibility: z.number().gt(0.5).lt(1).default(0.95),
  /** Smallest gap in positive share worth an alert (0.05 = 5 points): a credible but tiny drop is noise
   *  to the people who read alerts. @defaultValue 0.05 */
  minDifference: z.number().min(0).lt(1).default(0.05),
  /** Months in the recent window of the deterioration rule. @defaultValue 3 */
  recentMonths: z.number().int().min(1).max(24).default(3),
  /** Months before the recent window that it is compared with. @defaultValue 6 */
  baselineMonths: z.number().int().min(1).max(36).default(6),
  /** Months of comments set against the survey (surveys are yearly). @defaultValue 12 */
  surveyWindowMonths: z.number().int().min(1).max(36).default(12),
  /** Central mass of the credible intervals reported as evidence. @defaultValue 0.95 */
  intervalMass: z.number().gt(0).lt(1).default(0.95),
});

export type DivergenceOptions = z.output<typeof divergenceOptionsSchema>;
export type DivergenceOptionsInput = z.input<typeof divergenceOptionsSchema>;
