/**
 * Serialised answers of read-only routes over derived data (scores, triangulation), kept per route
 * and normalised query until the dataset's data version changes. The body is validated and
 * serialised once, by the same zod serialiser fastify would use, so a cached answer is
 * byte-identical to a fresh one; each answer carries a strong ETag so a re-poll gets 304. An answer
 * of a kilobyte or more is also gzip-coded once, when it is cached, for clients that accept it: a
 * trust's every score cell is ~375 KB of JSON, and moving those bytes, not computing them, was what
 * limited the cached answer under load.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { VersionedDataset } from '../../storage/data-versions.js';
import type { Store } from '../../storage/store.js';
import { prefersGzip } from './accept-encoding.js';
import { ByteLru } from './byte-lru.js';
import { DataVersionWatch } from './data-version-watch.js';

export interface ResponseCacheOptions {
  /** Bound on the cached bodies (UTF-8 bytes) and their keys. 0 keeps nothing. @defaultValue 64 MiB */
  maxBytes: number;
  /** How often the store's data versions are re-read, i.e. how stale an answer may be. @defaultValue 1000 */
  versionCheckMs: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { maxBytes: 64 * 1024 * 1024, versionCheckMs: 1000 };

/** Below this, gzip's header and the client's inflating cost more than the bytes saved. */
export const MIN_GZIP_BYTES = 1024;

const gzipAsync = promisify(gzip);

/** One coding of an answer: its bytes and their strong ETag (RFC 9110 8.8.3: another coding, another tag). */
interface Representation {
  body: Buffer;
  etag: string;
}

interface CachedAnswer {
  /** UTF-8, encoded once: a string would be encoded again on every send (~375 KB for a trust's cells). */
  identity: Representation;
  /** The same bytes gzip-coded; absent below MIN_GZIP_BYTES. */
  gzip: Representation | undefined;
}

/** What fastify-type-provider-zod would do with the route's 200 schema: encode (validating), then stringify. */
export function jsonSerialiser(schema: z.ZodType, url: string): (data: unknown) => string {
  return serializerCompiler({ schema, method: 'GET', url, httpStatus: '200' }) as (data: unknown) => string;
}

/** The query as parsed (defaults applied), keys sorted, absent values dropped: equal queries, equal keys. */
function normalisedQuery(query: unknown): string {
  const entries = Object.entries((query ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

const digestOf = (body: Buffer): string => createHash('sha256').update(body).digest('base64url').slice(0, 27);

/** Both codings of a serialised answer; gzip runs on libuv's pool, off the event loop. */
async function representations(json: string): Promise<CachedAnswer> {
  const body = Buffer.from(json, 'utf8');
  const digest = digestOf(body);
  const identity = { body, etag: `"${digest}"` };
  if (body.length < MIN_GZIP_BYTES) return { identity, gzip: undefined };
  return { identity, gzip: { body: await gzipAsync(body), etag: `"${digest}-gzip"` } };
}

const bytesOf = (answer: CachedAnswer): number =>
  answer.identity.body.length +
  answer.identity.etag.length +
  (answer.gzip ? answer.gzip.body.length + answer.gzip.etag.length : 0);

/** `If-None-Match` is a list of tags, weak or strong, or `*`; a weak match is enough for GET (RFC 9110 13.1.2). */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export class CachedAnswers {
  readonly #watch: DataVersionWatch;
  readonly #cache: ByteLru<CachedAnswer>;
  readonly #computing = new Map<string, Promise<CachedAnswer>>();
  readonly #seenVersions = new Map<VersionedDataset, string>();

  constructor(store: Pick<Store, 'dataVersions'>, options: ResponseCacheOptions, now?: () => number) {
    this.#watch = new DataVersionWatch(() => store.dataVersions(), options.versionCheckMs, now);
    this.#cache = new ByteLru(options.maxBytes, bytesOf);
  }

  /** Bytes held now (bodies, tags and keys). */
  get bytes(): number {
    return this.#cache.bytes;
  }

  /**
   * Sends the answer for this request's route and query: the cached body while `dataset`'s version is
   * unchanged, else `compute()` serialised by `serialise` (concurrent misses share one computation).
   */
  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: { dataset: VersionedDataset; compute: () => Promise<unknown>; serialise: (data: unknown) => string },
  ): Promise<void> {
    const version = (await this.#watch.current())[answer.dataset];
    if (this.#seenVersions.get(answer.dataset) !== version) {
      // Answers of the superseded version can never be served again: free their memory now.
      const prefix = `${answer.dataset}\u0000`;
      this.#cache.deleteWhere((key) => key.startsWith(prefix));
      this.#seenVersions.set(answer.dataset, version);
    }
    const key = [answer.dataset, version, request.routeOptions.url, normalisedQuery(request.query)].join('\u0000');
    const cached = this.#cache.get(key) ?? (await this.#fill(key, version, answer));
    const chosen =
      cached.gzip !== undefined && prefersGzip(request.headers['accept-encoding']) ? cached.gzip : cached.identity;
    reply.header('etag', chosen.etag);
    // Revalidate on every use: the answer may change at the next aggregate run.
    reply.header('cache-control', 'no-cache');
    // Caches between here and the client must keep the two codings apart.
    reply.header('vary', 'accept-encoding');
    // Awaiting the reply (a thenable) waits until it is sent, as fastify asks of async handlers that send.
    if (matchesIfNoneMatch(request.headers['if-none-match'], chosen.etag)) {
      await reply.code(304).send();
      return;
    }
    if (chosen === cached.gzip) reply.header('content-encoding', 'gzip');
    // A Buffer is sent as it is (with the content type set here), without fastify serialising it again.
    await reply.header('content-type', 'application/json; charset=utf-8').send(chosen.body);
  }

  #fill(
    key: string,
    version: string,
    answer: { dataset: VersionedDataset; compute: () => Promise<unknown>; serialise: (data: unknown) => string },
  ): Promise<CachedAnswer> {
    let pending = this.#computing.get(key);
    if (!pending) {
      pending = answer
        .compute()
        .then((data) => representations(answer.serialise(data)))
        .then((filled) => {
          // Superseded while computing: served to the requests waiting on it, not kept.
          if (this.#seenVersions.get(answer.dataset) === version) this.#cache.set(key, filled);
          return filled;
        })
        .finally(() => this.#computing.delete(key));
      this.#computing.set(key, pending);
    }
    return pending;
  }
}
