/**
 * Guards every /v1 route, and the dashboard's own data route, with an API key once any key has been
 * created, even if every key has since been revoked (or when keys are required), and limits
 * each key's requests per minute: across every API process when they share a Redis, else per process.
 * Health, metrics, OpenAPI, the board and the dashboard's page and scripts stay open: probes and
 * scrapers carry no keys, and the page asks for one before it reads any data.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { bearerKey, hashApiKey } from './api-key.js';
import type { ApiKeyLookup } from './api-key-lookup.js';

export interface ApiKeyGuardOptions {
  /** Require a key even while none exists (every /v1 request is then refused). @defaultValue false */
  requireKey?: boolean;
  /** Requests per minute per key (per client address when no key is needed). @defaultValue 120 */
  maxPerMinute?: number;
  /**
   * Where the counts live, so the limit holds across API processes: a fail-fast connection (one retry,
   * no offline queue) and the deployment's key prefix. @defaultValue none: counted in this process's memory
   */
  redis?: RateLimitRedis | undefined;
}

export interface RateLimitRedis {
  connection: Redis;
  /** The deployment's Redis key prefix (`redis.prefix`); counts go under `<prefix>:rate-limit:`. */
  prefix: string;
}

/** Data the dashboard reads outside /v1 (the trusts that have scores): guarded like /v1. */
const DATA_ROUTES = new Set(['/dashboard/trusts']);

/**
 * Decided on the route Fastify matched, never on the raw URL: `/%761/comments` is routed to
 * `/v1/comments` after decoding, so a prefix test on `request.url` would let it through unguarded.
 */
const isGuarded = (request: FastifyRequest) => {
  const route = request.routeOptions.url;
  return route !== undefined && (route === '/v1' || route.startsWith('/v1/') || DATA_ROUTES.has(route));
};

/** Installs the hooks on the root instance: register it before the routes. */
export async function installApiKeyGuard(
  app: FastifyInstance,
  keys: ApiKeyLookup,
  options: ApiKeyGuardOptions = {},
): Promise<void> {
  const keyIds = new WeakMap<FastifyRequest, string>();
  // Keys are revoked, never deleted, so once one is seen keys are needed for good, whatever the store
  // says later. Were the store emptied under a running API, it fails closed.
  let keysNeeded = options.requireKey === true;
  app.addHook('onRequest', async (request, reply) => {
    if (!isGuarded(request)) return;
    // Revoked keys count: revoking a leaked last key must lock it out, not open the API to everyone.
    // Only ever switched on: an answer read before another request's must not switch it off again.
    if (!keysNeeded && (await keys.anyKeyExists())) keysNeeded = true;
    if (!keysNeeded) return;
    const key = bearerKey(request.headers.authorization);
    const record = key === undefined ? null : await keys.find(hashApiKey(key));
    if (!record || record.revokedAt !== null) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'a valid API key is required: Authorization: Bearer <key>' });
    }
    keyIds.set(request, record.id);
  });
  await app.register(rateLimit, {
    max: options.maxPerMinute ?? 120,
    timeWindow: 60_000,
    ...(options.redis && {
      redis: options.redis.connection,
      nameSpace: `${options.redis.prefix}:rate-limit:`,
      // A Redis outage must not take the read API down with it: requests pass uncounted until it is back
      // (readiness reports Redis as down meanwhile).
      skipOnError: true,
    }),
    // After onRequest, so the key id is known when the limit is counted.
    hook: 'preHandler',
    allowList: (request) => !isGuarded(request),
    keyGenerator: (request) => {
      const id = keyIds.get(request);
      return id !== undefined ? `key:${id}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `rate limit of ${context.max} requests per minute reached; retry in ${context.after}`,
    }),
  });
}
