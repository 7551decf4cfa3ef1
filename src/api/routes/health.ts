import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerWithin } from '../../observability/answer-within.js';
import type { Store } from '../../storage/store.js';

export interface ReadinessCheck {
  name: string;
  /**
   * Resolves when the dependency answers; rejects (or times out) when it does not. `withinMs` is the
   * probe's bound, for a check that can also free what a silent dependency holds (a store connection).
   */
  check(withinMs: number): Promise<void>;
}

/** The store's readiness check: a ping that drops its own connection when it goes unanswered. */
export function storeReadiness(store: Pick<Store, 'ping'>): ReadinessCheck {
  return { name: 'store', check: (withinMs) => store.ping({ answerWithinMs: withinMs }) };
}

/** Bound on each readiness probe: a load balancer wants an answer, not a hung request. */
const PROBE_TIMEOUT_MS = 1_000;

export const healthRoutes =
  (checks: ReadinessCheck[]): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health/live',
      { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    const readyView = z.object({
      status: z.enum(['ready', 'unavailable']),
      checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })),
    });
    app.get(
      '/health/ready',
      { schema: { tags: ['health'], response: { 200: readyView, 503: readyView } } },
      async (_request, reply) => {
        const results = await Promise.all(
          checks.map(async ({ name, check }) => {
            try {
              await answerWithin(check(PROBE_TIMEOUT_MS), PROBE_TIMEOUT_MS);
              return [name, { ok: true }] as const;
            } catch (error) {
              return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }] as const;
            }
          }),
        );
        const ready = results.every(([, result]) => result.ok);
        return reply
          .code(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
      },
    );
  };
