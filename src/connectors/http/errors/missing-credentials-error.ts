/** A source that cannot run without credentials was configured without them. */
export class MissingCredentialsError extends Error {
  readonly code = 'missing_credentials';
  readonly retryable = false;
  constructor(
    readonly source: string,
    what: string,
  ) {
    super(`${source}: ${what} is required but not configured`);
    this.name = 'MissingCredentialsError';
  }
}
