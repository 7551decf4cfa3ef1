/**
 * The source answered with an HTTP error or could not be reached. 5xx and network failures are
 * `retryable` (the queue's exponential backoff retries them; the client never sleeps); other 4xx
 * (bad key, unknown path) are not, because a retry would get the same answer.
 */
export class UpstreamError extends Error {
  readonly code: 'upstream_unavailable' | 'network_error' | 'request_rejected';
  readonly retryable: boolean;
  constructor(
    readonly source: string,
    readonly url: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    detail: string,
  ) {
    const code = status === 0 ? 'network_error' : status >= 500 ? 'upstream_unavailable' : 'request_rejected';
    super(`${source}: ${status === 0 ? 'no response' : `HTTP ${status}`} from ${url}: ${detail}`);
    this.name = 'UpstreamError';
    this.code = code;
    this.retryable = code !== 'request_rejected';
  }
}
