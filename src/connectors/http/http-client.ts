import { RateLimitedError } from '../errors/rate-limited-error.js';
import { sha256Hex } from './content-hash.js';
import {
  acceptHeader,
  type BodyKind,
  checkContentType,
  decodeUtf8,
  parseJsonText,
  parseXmlText,
} from './decode-body.js';
import { MalformedPageError } from './errors/malformed-page-error.js';
import { RequestTimeoutError } from './errors/request-timeout-error.js';
import { UpstreamError } from './errors/upstream-error.js';
import { pauseAfterQuotaSpent, pauseAfterRefusal, type RateLimitPolicy } from './rate-limit-policy.js';
import { readCappedBody } from './read-body.js';
import { DEFAULT_USER_AGENT } from './user-agent.js';

export interface HttpClientOptions {
  /** Source id, named in every error and in `RateLimitedError`. */
  source: string;
  /** Whole-request budget (headers and body). @defaultValue 15000 */
  timeoutMs?: number;
  /** Largest accepted body; larger ones fail as `body_too_large`. @defaultValue 5 MiB */
  maxBodyBytes?: number;
  /** @defaultValue {@link DEFAULT_USER_AGENT} */
  userAgent?: string;
  /** Where the source publishes its quota. @defaultValue Retry-After only */
  rateLimit?: RateLimitPolicy;
  /** Least time between two request starts from this client (Care Opinion allows 5 per second).
   *  @defaultValue 0 */
  minIntervalMs?: number;
  /** @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

export interface HttpRequest {
  url: string | URL;
  /** @defaultValue 'GET' */
  method?: 'GET' | 'POST';
  /** Extra headers (credentials go here; they are never logged or put in errors). */
  headers?: Record<string, string>;
  body?: string;
  /** Validators from the previous fetch; a 304 answer then means nothing new. */
  conditional?: { etag?: string | null; lastModified?: string | null };
  signal?: AbortSignal | undefined;
}

export interface HttpResponse<T> {
  url: string;
  status: number;
  headers: Headers;
  fetchedAt: string;
  /** True on 304 Not Modified: `body` is null and `raw` empty. */
  notModified: boolean;
  body: T;
  /** The raw body text. */
  raw: string;
  /** SHA-256 of the raw body bytes. */
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The one HTTP client of the source connectors, over the built-in fetch. It never retries or sleeps
 * on errors: 429/503 become `RateLimitedError` (the collect queue pauses), 5xx and network failures a
 * retryable `UpstreamError` (the queue backs off), unreadable bodies a `MalformedPageError`.
 */
export class HttpClient {
  readonly source: string;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly userAgent: string;
  private readonly policy: RateLimitPolicy;
  private readonly minIntervalMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;
  private pausedUntil = 0;
  private lastStart = 0;

  constructor(options: HttpClientOptions) {
    this.source = options.source;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.policy = options.rateLimit ?? {};
    this.minIntervalMs = options.minIntervalMs ?? 0;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
  }

  getJson(request: HttpRequest): Promise<HttpResponse<unknown>> {
    return this.send(request, 'json', (text, where) => parseJsonText(text, where));
  }

  getXml(request: HttpRequest): Promise<HttpResponse<Record<string, unknown> | null>> {
    return this.send(request, 'xml', (text, where) => parseXmlText(text, where));
  }

  getText(request: HttpRequest, kind: Extract<BodyKind, 'csv' | 'text'> = 'text'): Promise<HttpResponse<string>> {
    return this.send(request, kind, (text) => text);
  }

  private async pace(): Promise<void> {
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    // A short in-process gap for per-second limits; quota pauses go to the queue instead.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastStart = Date.now();
  }

  private async send<T>(
    request: HttpRequest,
    kind: BodyKind,
    parse: (text: string, where: { source: string; url: string }) => T,
  ): Promise<HttpResponse<T>> {
    const url = String(request.url);
    const where = { source: this.source, url: redactUrl(url) };
    const waitMs = this.pausedUntil - this.now().getTime();
    if (waitMs > 0) throw new RateLimitedError(this.source, waitMs);
    await this.pace();

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: acceptHeader(kind),
      ...request.headers,
    };
    if (request.conditional?.etag) headers['if-none-match'] = request.conditional.etag;
    if (request.conditional?.lastModified) headers['if-modified-since'] = request.conditional.lastModified;

    try {
      const response = await this.fetchImpl(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body,
        signal,
        redirect: 'follow',
      });
      const fetchedAt = this.now();
      this.notePause(response, fetchedAt);
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return this.result(response, fetchedAt, null as T, '', new Uint8Array(0), true);
      }
      if (response.status === 429 || (response.status === 503 && response.headers.has('retry-after'))) {
        await response.body?.cancel().catch(() => undefined);
        const ms = pauseAfterRefusal(response.headers, this.policy, fetchedAt);
        throw new RateLimitedError(this.source, ms, `${this.source}: HTTP ${response.status} from ${where.url}`);
      }
      if (!response.ok) {
        const preview = await readErrorPreview(response, this.maxBodyBytes, where);
        throw new UpstreamError(this.source, where.url, response.status, preview || response.statusText);
      }
      const bytes = await readCappedBody(response, this.maxBodyBytes, where);
      const text = decodeUtf8(bytes, where);
      checkContentType(kind, response.headers.get('content-type'), text, where);
      return this.result(response, fetchedAt, parse(text, where), text, bytes, false);
    } catch (error) {
      throw this.classify(error, where, timeout);
    }
  }

  /** Remembers a spent quota so the next request pauses the source instead of earning a 429. */
  private notePause(response: Response, at: Date): void {
    if (response.status === 429) return;
    const ms = pauseAfterQuotaSpent(response.headers, this.policy, at);
    if (ms !== null && ms > 0) this.pausedUntil = at.getTime() + ms;
  }

  private result<T>(
    response: Response,
    fetchedAt: Date,
    body: T,
    raw: string,
    bytes: Uint8Array,
    notModified: boolean,
  ): HttpResponse<T> {
    return {
      url: response.url || '',
      status: response.status,
      headers: response.headers,
      fetchedAt: fetchedAt.toISOString(),
      notModified,
      body,
      raw,
      contentHash: sha256Hex(bytes),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  }

  private classify(error: unknown, where: { source: string; url: string }, timeout: AbortSignal): Error {
    if (
      error instanceof RateLimitedError ||
      error instanceof UpstreamError ||
      error instanceof MalformedPageError ||
      error instanceof RequestTimeoutError
    ) {
      return error;
    }
    if (timeout.aborted) return new RequestTimeoutError(this.source, where.url, this.timeoutMs);
    if (error instanceof Error && error.name === 'AbortError') return error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    return new UpstreamError(this.source, where.url, 0, detail);
  }
}

async function readErrorPreview(
  response: Response,
  maxBytes: number,
  where: { source: string; url: string },
): Promise<string> {
  try {
    const bytes = await readCappedBody(response, Math.min(maxBytes, 64 * 1024), where);
    return new TextDecoder().decode(bytes).replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch {
    return '';
  }
}

const SECRET_PARAMS = /([?&](?:key|api_key|apikey|access_token|token|subscription-key)=)[^&#]*/gi;

/** A URL fit for errors, logs and provenance: credentials in the query string are masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1***');
}
