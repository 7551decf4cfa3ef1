import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../storage/store.js';
import { scoreQuery, scoreView } from '../schemas.js';

export const scoreRoutes =
  (store: Store): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/scores',
      {
        schema: {
          tags: ['scores'],
          summary: 'Comment scores per trust × theme × tumour group × period, shrunk toward the national level',
          querystring: scoreQuery,
          response: { 200: z.object({ items: z.array(scoreView) }) },
        },
      },
      async (request) => {
        const rows = await store.listAggregates(request.query);
        return { items: rows.map(({ computedAt: _computedAt, ...row }) => row) };
      },
    );
  };
