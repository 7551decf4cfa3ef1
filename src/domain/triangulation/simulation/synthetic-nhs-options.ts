/** Settings of the synthetic NHS. Spreads are standard deviations on the log-odds scale. */
export interface SyntheticNhsOptions {
  /** Seed of every random draw. @defaultValue 1 */
  seed?: number;
  /** Number of trusts. @defaultValue 120 */
  trusts?: number;
  /** Median CPES respondents of a trust (log-normal, sd 0.6 on the log scale). @defaultValue 420 */
  medianRespondents?: number;
  /** CPES suppression threshold: cells with fewer respondents are withheld. @defaultValue 21 (2018) */
  suppressionThreshold?: number;
  /** FFT months with fewer responses are published as `*`. @defaultValue 5 */
  fftMinimumResponses?: number;
  /**
   * How strongly comment sentiment tracks the truth: the ratio of the sd of the truth's part of a
   * comment's log-odds to the sd of the part unrelated to it (trust and cell biases). @defaultValue 1
   */
  commentStrength?: number;
  /** Public comments per 100 CPES respondents of a trust (each names one tumour group). @defaultValue 30 */
  commentVolume?: number;
  /** Spread of trust effects. @defaultValue 0.2 */
  trustSd?: number;
  /** Spread of tumour-group effects (national, per group). @defaultValue 0.2 */
  groupSd?: number;
  /** Spread of a trust's effect on one theme. @defaultValue 0.1 */
  trustThemeSd?: number;
  /** Spread of the trust × tumour group interaction, shared by its themes. @defaultValue 0.2 */
  interactionSd?: number;
  /** Spread of the trust × tumour group × theme interaction. @defaultValue 0.08 */
  cellSd?: number;
}

export type ResolvedSyntheticNhsOptions = Required<SyntheticNhsOptions>;

export const DEFAULT_SYNTHETIC_NHS_OPTIONS: ResolvedSyntheticNhsOptions = {
  seed: 1,
  trusts: 120,
  medianRespondents: 420,
  suppressionThreshold: 21,
  fftMinimumResponses: 5,
  commentStrength: 1,
  commentVolume: 30,
  trustSd: 0.2,
  groupSd: 0.2,
  trustThemeSd: 0.1,
  interactionSd: 0.2,
  cellSd: 0.08,
};

export function resolveSyntheticNhsOptions(options: SyntheticNhsOptions = {}): ResolvedSyntheticNhsOptions {
  const resolved = { ...DEFAULT_SYNTHETIC_NHS_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as Record<string, number>)[key] = value;
  }
  const problems: string[] = [];
  if (!Number.isInteger(resolved.seed)) problems.push(`seed must be a whole number, got ${resolved.seed}`);
  if (!Number.isInteger(resolved.trusts) || resolved.trusts < 10) {
    problems.push(`trusts must be a whole number ≥ 10, got ${resolved.trusts}`);
  }
  for (const key of ['medianRespondents', 'suppressionThreshold', 'fftMinimumResponses'] as const) {
    if (!(resolved[key] >= 1)) problems.push(`${key} must be ≥ 1, got ${resolved[key]}`);
  }
  for (const key of ['commentStrength', 'commentVolume'] as const) {
    if (!(resolved[key] > 0 && Number.isFinite(resolved[key]))) {
      problems.push(`${key} must be a positive number, got ${resolved[key]}`);
    }
  }
  for (const key of ['trustSd', 'groupSd', 'trustThemeSd', 'interactionSd', 'cellSd'] as const) {
    if (!(resolved[key] >= 0)) problems.push(`${key} must be ≥ 0, got ${resolved[key]}`);
  }
  if (problems.length > 0) throw new RangeError(`invalid synthetic NHS options: ${problems.join('; ')}`);
  return resolved;
}
