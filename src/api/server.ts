import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Store } from '../storage/store.js';
import { commentRoutes } from './routes/comments.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { scoreRoutes } from './routes/scores.js';
import { type StatusReport, statusRoutes } from './routes/status.js';

export interface ApiDeps {
  store: Store;
  readiness: ReadinessCheck[];
  status: () => Promise<StatusReport>;
  logger: Logger;
}

/** Builds the HTTP API (not listening yet): versioned paths, zod-validated input, OpenAPI at /openapi.json. */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    disableRequestLogging: true,
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
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({
      error: status >= 500 ? 'internal_error' : 'bad_request',
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
  await app.register(healthRoutes(deps.readiness));
  await app.register(commentRoutes(deps.store));
  await app.register(scoreRoutes(deps.store));
  await app.register(statusRoutes(deps.status));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
