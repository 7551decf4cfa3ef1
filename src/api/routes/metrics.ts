import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';

/** GET /metrics: the process's Prometheus registry in the text exposition format. */
export const metricsRoutes =
  (registry: Registry): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/metrics', { schema: { tags: ['operations'], hide: true } }, async (_request, reply) => {
      const body = await registry.metrics();
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
    });
  };
