import { z } from 'zod';
import { SENTIMENT_LABELS, THEMES, TUMOUR_GROUPS } from '../domain/model.js';

/** Query and response schemas of the HTTP API; fastify-type-provider-zod turns them into validation
 *  (bad input → 400 with the reason) and into the served OpenAPI document. */

export const periodParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a period YYYY-MM')
  .describe('Calendar month, YYYY-MM (Europe/London)');
export const odsCodeParam = z
  .string()
  .regex(/^[A-Z0-9]{3,5}$/, 'expected an ODS organisation code such as RBV')
  .describe('ODS organisation code of an NHS trust');

/** The opaque keyset cursor a previous page returned. */
export const pageCursorParam = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected the opaque cursor from a previous page');

export const commentQuery = z
  .object({
    source: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/)
      .optional(),
    odsCode: odsCodeParam.optional(),
    theme: z.enum(THEMES).optional(),
    tumourGroup: z.enum(TUMOUR_GROUPS).optional(),
    periodFrom: periodParam.optional(),
    periodTo: periodParam.optional(),
    sentiment: z.enum(SENTIMENT_LABELS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    after: pageCursorParam.optional(),
  })
  .strict();

export const scoreQuery = z
  .object({
    odsCode: odsCodeParam.optional(),
    theme: z.enum([...THEMES, 'all']).optional(),
    tumourGroup: z.enum([...TUMOUR_GROUPS, 'all']).optional(),
    periodFrom: periodParam.optional(),
    periodTo: periodParam.optional(),
  })
  .strict();

export const commentView = z.object({
  source: z.string(),
  externalId: z.string(),
  text: z.string().describe('Redacted text'),
  url: z.string().nullable(),
  postedAt: z.string().nullable(),
  period: z.string(),
  provider: z.object({ odsCode: z.string(), name: z.string() }).nullable(),
  sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number() }),
  rating: z.number().int(),
  themes: z.array(z.object({ id: z.enum(THEMES), sentiment: z.enum(SENTIMENT_LABELS) })),
  tumourGroups: z.array(z.enum(TUMOUR_GROUPS)),
  rareCancer: z.boolean(),
  safety: z.array(z.object({ kind: z.string() })),
});

export const scoreView = z.object({
  odsCode: z.string(),
  theme: z.string(),
  tumourGroup: z.string(),
  period: z.string(),
  n: z.number().int(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  meanScore: z.number(),
  positiveShare: z.number(),
  positiveShareLower: z.number(),
  positiveShareUpper: z.number(),
});

export const errorView = z.object({ error: z.string(), message: z.string() });
