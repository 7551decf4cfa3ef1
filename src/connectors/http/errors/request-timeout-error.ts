/** The source did not finish answering within the client's timeout; retryable by the queue's backoff. */
export class RequestTimeoutError extends Error {
  readonly code = 'request_timeout';
  readonly retryable = true;
  constructor(
    readonly source: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${source}: no complete answer from ${url} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}
