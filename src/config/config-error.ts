/** One problem found in the configuration: the key path, what was wrong, and which layer set it. */
export interface ConfigIssue {
  /** Dotted key path, e.g. `sources.sample.count`; a file name for a file that could not be read. */
  path: string;
  /** What was wrong, e.g. `expected a positive integer, found "ten"`. */
  problem: string;
  /** Where the value came from: a config file path or an environment variable; absent for defaults. */
  origin?: string | undefined;
}

/**
 * The configuration cannot be used. Every problem is listed at once so an operator fixes them in one
 * pass rather than one restart per typo.
 */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(formatConfigIssues(issues));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const origin = issue.origin ? ` (from ${issue.origin})` : '';
  return `${issue.path}: ${issue.problem}${origin}`;
}

export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  const noun = issues.length === 1 ? 'problem' : 'problems';
  const lines = issues.map((issue) => `  - ${formatConfigIssue(issue)}`);
  return [`carevoice: the configuration has ${issues.length} ${noun}:`, ...lines].join('\n');
}
