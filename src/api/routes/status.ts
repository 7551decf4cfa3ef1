import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const statusView = z.object({
  queues: z.array(
    z.object({
      name: z.string(),
      waiting: z.number(),
      active: z.number(),
      delayed: z.number(),
      failed: z.number(),
      completed: z.number(),
    }),
  ),
  comments: z.number(),
  quarantined: z.number(),
  lastRuns: z.array(
    z.object({
      kind: z.string(),
      source: z.string().optional(),
      finishedAt: z.string(),
      status: z.string(),
      counts: z.record(z.string(), z.number()),
    }),
  ),
});
export type StatusReport = z.infer<typeof statusView>;

export const statusRoutes =
  (status: () => Promise<StatusReport>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/status',
      {
        schema: {
          tags: ['operations'],
          summary: 'Queue depths, stored and quarantined counts, and the last run per source',
          response: { 200: statusView },
        },
      },
      async () => status(),
    );
  };
