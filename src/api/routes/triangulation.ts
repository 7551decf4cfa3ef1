import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { THEMES, TUMOUR_GROUPS } from '../../domain/model.js';
import type { Store } from '../../storage/store.js';
import { TRIANGULATION_SOURCES } from '../../storage/triangulation-types.js';
import { CachedAnswers, DEFAULT_RESPONSE_CACHE, jsonSerialiser } from '../response-cache/cached-answers.js';
import { odsCodeParam, pageCursorParam } from '../schemas.js';

/** `true` / `false` in a query string (z.coerce.boolean would read "false" as true). */
const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const triangulationQuery = z
  .object({
    odsCode: odsCodeParam.optional(),
    tumourGroup: z.enum(TUMOUR_GROUPS).optional(),
    theme: z
      .enum([...THEMES, 'all'])
      .optional()
      .describe('A theme id, or `all` for the overall score'),
    observed: booleanParam.optional().describe('true: published cells only; false: estimated ones only'),
    rareOnly: z.literal('true').optional().describe('Only rare and less common cancers'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    after: pageCursorParam.optional(),
  })
  .strict();

export const triangulatedView = z.object({
  odsCode: z.string(),
  trustName: z.string(),
  tumourGroup: z.enum(TUMOUR_GROUPS),
  theme: z.string().describe('Theme id, or `all` for the overall score'),
  estimate: z
    .number()
    .describe(
      'Percentage positive, 0–100: the published score, or for a suppressed cell the estimated underlying share of positive experience of the trust’s patients in the group (docs/method.md)',
    ),
  lower: z.number().describe('95% interval, lower bound'),
  upper: z.number().describe('95% interval, upper bound'),
  observed: z.boolean().describe('Every question behind it was published'),
  respondents: z.number().int().nullable().describe('Null when any question behind it was suppressed'),
  sources: z.array(z.enum(TRIANGULATION_SOURCES)),
});

export const tumourGroupSummaryView = z.object({
  tumourGroup: z.enum(TUMOUR_GROUPS),
  trustsPublished: z.number().int(),
  trustsSuppressed: z.number().int(),
  nationalEstimate: z.number(),
  nationalLower: z.number(),
  nationalUpper: z.number(),
  year: z.number().int(),
});

const triangulationPage = z.object({ items: z.array(triangulatedView), next: z.string().nullable() });
const triangulationSummary = z.object({ items: z.array(tumourGroupSummaryView) });

/** Triangulated scores change only when the triangulation stage replaces them: answers are cached until then. */
export const triangulationRoutes =
  (store: Store, answers = CachedAnswers.forStore(store, DEFAULT_RESPONSE_CACHE)): FastifyPluginAsyncZod =>
  async (app) => {
    const serialisePage = jsonSerialiser(triangulationPage, '/v1/triangulation');
    const serialiseSummary = jsonSerialiser(triangulationSummary, '/v1/triangulation/summary');
    app.get(
      '/v1/triangulation',
      {
        schema: {
          tags: ['triangulation'],
          summary: 'CPES scores per trust × tumour group × theme: published, or estimated where suppressed',
          querystring: triangulationQuery,
          response: { 200: triangulationPage },
        },
      },
      (request, reply) =>
        answers.send(request, reply, {
          dataset: 'triangulation',
          serialise: serialisePage,
          compute: async () => {
            const { limit, after, rareOnly, ...filter } = request.query;
            const page = await store.listTriangulation(
              { ...filter, ...(rareOnly !== undefined && { rareOnly: true }) },
              { limit, after: after ?? null },
            );
            return { items: page.items.map(({ year: _year, ...cell }) => cell), next: page.next };
          },
        }),
    );
    app.get(
      '/v1/triangulation/summary',
      {
        schema: {
          tags: ['triangulation'],
          summary: 'Per tumour group: trusts with published cells, trusts suppressed, and the national estimate',
          response: { 200: triangulationSummary },
        },
      },
      (request, reply) =>
        answers.send(request, reply, {
          dataset: 'triangulation',
          serialise: serialiseSummary,
          compute: async () => ({ items: await store.listTriangulationSummary() }),
        }),
    );
  };
