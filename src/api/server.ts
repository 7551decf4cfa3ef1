import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { InvalidPageCursorError } from '../storage/errors/invalid-page-cursor-error.js';
import type { Store } from '../storage/store.js';
import { type ApiKeyGuardOptions, installApiKeyGuard } from './auth/api-key-guard.js';
import { ApiKeyLookup } from './auth/api-key-lookup.js';
import { type QueueBoardOptions, registerQueueBoard } from './board.js';
import { CachedAnswers, DEFAULT_RESPONSE_CACHE, type ResponseCacheOptions } from './response-cache/cached-answers.js';
import { DataVersionWatch } from './response-cache/data-version-watch.js';
import { alertRoutes } from './routes/alerts.js';
import { commentRoutes } from './routes/comments.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { scoreRoutes } from './routes/scores.js';
import { type StatusReport, statusRoutes } from './routes/status.js';
import { triangulationRoutes } from './routes/triangulation.js';
import { isStoreFailure } from './store-failure.js';

/** When a client is told to retry after the store did not answer: long enough for a pool to reconnect. */
const STORE_RETRY_AFTER_SECONDS = 5;

export interface ApiDeps {
  /** What the API reads; `carevoice api` and `start` give it a handle of its own (src/app/open-api-store.ts). */
  store: Store;
  /** API keys and the per-key rate limit on /v1. @defaultValue keys needed once any exists; 120 per minute */
  auth?: ApiKeyGuardOptions;
  readiness: ReadinessCheck[];
  status: () => Promise<StatusReport>;
  logger: Logger;
  /** Served at GET /metrics (Prometheus text format). @defaultValue none: no /metrics route */
  metrics?: Registry;
  /** The queue board at /board behind basic auth. @defaultValue none: /board is not mounted */
  board?: QueueBoardOptions;
  /** Cached answers of /v1/scores and /v1/triangulation. @defaultValue 64 MiB, versions re-read every second */
  responseCache?: ResponseCacheOptions;
}

/** Builds the HTTP API (not listening yet): versioned paths, zod-validated input, OpenAPI at /openapi.json. */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request lines would drown the job logs; errors are still logged by the handler below.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const reasons = error.validation.map(
        (issue) => `${issue.instancePath.replace(/^\//, '') || 'query'}: ${issue.message}`,
      );
      return reply.code(400).send({ error: 'bad_request', message: reasons.join('; ') });
    }
    // A forged or altered `after` passes the shape check but not the store's decoding: the caller's fault.
    if (error instanceof InvalidPageCursorError) {
      return reply.code(400).send({ error: 'bad_request', message: `after: ${error.message}` });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 500 && isStoreFailure(error)) {
      request.log.warn({ err: error }, 'request failed: the store is unavailable');
      return reply
        .code(503)
        .header('retry-after', String(STORE_RETRY_AFTER_SECONDS))
        .send({ error: 'store_unavailable', message: 'the store is unavailable; try again shortly' });
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({
      error: status >= 500 ? 'internal_error' : status === 429 ? 'rate_limited' : 'bad_request',
      message: status >= 500 ? 'internal error' : (error as Error).message,
    });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CareVoice API',
        version: '1.0.0',
        description: 'Triangulated patient voice for NHS cancer services',
      },
    },
    transform: jsonSchemaTransform,
  });
  const cacheOptions = deps.responseCache ?? DEFAULT_RESPONSE_CACHE;
  // One watch for the cached answers and the API keys: one small query per interval for both.
  const versions = new DataVersionWatch(() => deps.store.dataVersions(), cacheOptions.versionCheckMs);
  const answers = new CachedAnswers(versions, cacheOptions.maxBytes);
  await installApiKeyGuard(app, new ApiKeyLookup(deps.store, versions), deps.auth);
  await app.register(healthRoutes(deps.readiness));
  await app.register(commentRoutes(deps.store));
  await app.register(scoreRoutes(deps.store, answers));
  await app.register(statusRoutes(deps.status));
  await app.register(alertRoutes(deps.store));
  await app.register(triangulationRoutes(deps.store, answers));
  await app.register(dashboardRoutes(deps.store));
  if (deps.metrics) await app.register(metricsRoutes(deps.metrics));
  if (deps.board) await registerQueueBoard(app, deps.board);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
