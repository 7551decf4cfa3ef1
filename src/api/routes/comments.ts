import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProcessedComment } from '../../domain/model.js';
import type { Store } from '../../storage/store.js';
import { commentQuery, commentView } from '../schemas.js';

/** The public view of a stored comment: redacted text and analysis, never the author hash. */
export function toCommentView(comment: ProcessedComment): z.infer<typeof commentView> {
  return {
    source: comment.source,
    externalId: comment.externalId,
    text: comment.text,
    url: comment.url ?? null,
    postedAt: comment.postedAt ?? null,
    period: comment.period,
    provider: comment.provider,
    sentiment: comment.sentiment,
    rating: comment.rating,
    themes: comment.themes,
    tumourGroups: comment.tumourGroups,
    rareCancer: comment.rareCancer,
    safety: comment.safety,
  };
}

export const commentRoutes =
  (store: Store): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/comments',
      {
        schema: {
          tags: ['comments'],
          summary: 'Redacted comments, filtered and paginated (keyset: pass `next` back as `after`)',
          querystring: commentQuery,
          response: { 200: z.object({ items: z.array(commentView), next: z.string().nullable() }) },
        },
      },
      async (request) => {
        const { limit, after, ...filter } = request.query;
        const page = await store.listComments(filter, { limit, after: after ?? null });
        return { items: page.items.map(toCommentView), next: page.next };
      },
    );
  };
