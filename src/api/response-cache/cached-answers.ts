/**
 * Serialised answers of read-only routes over derived data (scores, triangulation), kept per route
 * and normalised query until the dataset's data version changes. The body is validated and
 * serialised once, by the same zod serialiser fastify would use, so a cached answer is
 * byte-identical to a fresh one; each answer carries a strong ETag so a re-poll gets 304. A cached
 * answer of a kilobyte or more is also gzip-coded, once, on the first request that asks for gzip:
 * a trust's every score cell is ~375 KB of JSON and ~55 KB gzip-coded. An answer the cache does not
 * keep (too large, superseded, or no cache) is sent as it is, never compressed per request.
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
  /** Bound on the cached bodies (UTF-8 bytes, and their gzip-coded copies), tags and keys. 0 keeps nothing. @defaultValue 64 MiB */
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
  /**
   * The same bytes gzip-coded: undefined until a request asks for gzip, null when there is none to
   * send (under MIN_GZIP_BYTES, or zlib failed, which sends the plain bytes rather than fail).
   */
  gzip: Representation | null | undefined;
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

/** A strong tag of exactly these bytes. */
const etagOf = (body: Buffer): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function answerOf(json: string): CachedAnswer {
  const body = Buffer.from(json, 'utf8');
  return { identity: { body, etag: etagOf(body) }, gzip: body.length < MIN_GZIP_BYTES ? null : undefined };
}

/** Gzip on libuv's pool, off the event loop; the tag is the coded bytes' own (RFC 9110 8.8.3). */
async function gzipped(identity: Representation): Promise<Representation | null> {
  try {
    const body = await gzipAsync(identity.body);
    return { body, etag: etagOf(body) };
  } catch {
    return null;
  }
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
  readonly #compressing = new WeakMap<Representation, Promise<Representation | null>>();
  readonly #seenVersions = new Map<VersionedDataset, string>();

  /** `versions`: the store's data versions as the API reads them, shared with whatever else keeps store data. */
  constructor(versions: DataVersionWatch, maxBytes: number) {
    this.#watch = versions;
    this.#cache = new ByteLru(maxBytes, bytesOf);
  }

  /** A cache reading the store's versions through a watch of its own. */
  static forStore(
    store: Pick<Store, 'dataVersions'>,
    options: ResponseCacheOptions,
    now?: () => number,
  ): CachedAnswers {
    return new CachedAnswers(
      new DataVersionWatch(() => store.dataVersions(), options.versionCheckMs, now),
      options.maxBytes,
    );
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
    const coded = prefersGzip(request.headers['accept-encoding']) ? await this.#gzipOf(key, cached) : null;
    const chosen = coded ?? cached.identity;
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
    if (coded) reply.header('content-encoding', 'gzip');
    // A Buffer is sent as it is (with the content type set here), without fastify serialising it again.
    await reply.header('content-type', 'application/json; charset=utf-8').send(chosen.body);
  }

  /**
   * The gzip-coded copy of a cached answer, made once while it is cached and kept with it; null for an
   * answer the cache does not hold (it would be compressed again for every request) or has none for.
   */
  async #gzipOf(key: string, cached: CachedAnswer): Promise<Representation | null> {
    if (cached.gzip !== undefined) return cached.gzip;
    // The entry is replaced once coded: compare what it holds, not the object.
    const current = this.#cache.get(key);
    if (current?.identity !== cached.identity) return null;
    if (current.gzip !== undefined) return current.gzip;
    const identity = cached.identity;
    // Keyed by the plain bytes, not the cache key: an answer evicted and cached again while its
    // first copy was compressing gets its own.
    let pending = this.#compressing.get(identity);
    if (!pending) {
      pending = gzipped(identity)
        .then((coded) => this.#keepCoded(key, identity, coded))
        .finally(() => this.#compressing.delete(identity));
      this.#compressing.set(identity, pending);
    }
    return pending;
  }

  /**
   * Keeps a coded copy beside the plain bytes it was made from, if they are still cached (set again,
   * so its bytes count), and returns what the requests waiting for it send: the plain bytes when both
   * codings would pass the bound, since every later request gets those, under their tag, too.
   */
  #keepCoded(key: string, identity: Representation, coded: Representation | null): Representation | null {
    if (this.#cache.get(key)?.identity !== identity) return coded;
    if (this.#cache.set(key, { identity, gzip: coded })) return coded;
    // Both codings past the bound: keep the plain one alone rather than lose the answer.
    this.#cache.set(key, { identity, gzip: null });
    return null;
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
        .then((data) => {
          const filled = answerOf(answer.serialise(data));
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
