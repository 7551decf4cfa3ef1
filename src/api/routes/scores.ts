import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../storage/store.js';
import { CachedAnswers, DEFAULT_RESPONSE_CACHE, jsonSerialiser } from '../response-cache/cached-answers.js';
import { scoreQuery, scoreView } from '../schemas.js';

const scoresAnswer = z.object({ items: z.array(scoreView) });

/** Scores change only when the aggregate stage writes them, so answers are cached until then. */
export const scoreRoutes =
  (store: Store, answers = CachedAnswers.forStore(store, DEFAULT_RESPONSE_CACHE)): FastifyPluginAsyncZod =>
  async (app) => {
    const serialise = jsonSerialiser(scoresAnswer, '/v1/scores');
    app.get(
      '/v1/scores',
      {
        schema: {
          tags: ['scores'],
          summary: 'Comment scores per trust × theme × tumour group × period, shrunk toward the national level',
          querystring: scoreQuery,
          response: { 200: scoresAnswer },
        },
      },
      (request, reply) =>
        answers.send(request, reply, {
          dataset: 'aggregates',
          serialise,
          compute: async () => {
            const rows = await store.listAggregates(request.query);
            return { items: rows.map(({ computedAt: _computedAt, ...row }) => row) };
          },
        }),
    );
  };
