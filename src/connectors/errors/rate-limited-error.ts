/** The source asked us to slow down (HTTP 429 or Retry-After); the collect queue pauses for `retryAfterMs`. */
export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(
    readonly source: string,
    readonly retryAfterMs: number,
    message = `${source} asked to retry after ${retryAfterMs} ms`,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
