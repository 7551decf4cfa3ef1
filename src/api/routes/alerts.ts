import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_KINDS, ALERT_TYPES, DELIVERY_STATES, type StoredAlert } from '../../alerts/alert.js';
import type { Store } from '../../storage/store.js';
import { odsCodeParam, pageCursorParam } from '../schemas.js';

/** GET /v1/alerts: safety and divergence alerts, newest first, with their delivery state. */

const dateParam = z.iso.date({ error: 'expected a date YYYY-MM-DD' }).describe('Calendar date, YYYY-MM-DD (UTC)');

export const alertQuery = z
  .object({
    type: z.enum(ALERT_TYPES).optional(),
    kind: z.enum(ALERT_KINDS).optional(),
    odsCode: odsCodeParam.optional(),
    from: dateParam.optional().describe('Raised on or after this date (UTC)'),
    to: dateParam.optional().describe('Raised on or before this date (UTC)'),
    delivered: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('true: delivered to the webhook; false: pending or failed'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    after: pageCursorParam.optional(),
  })
  .strict();

const windowView = z.object({
  periodFrom: z.string(),
  periodTo: z.string(),
  n: z.number().int(),
  positive: z.number().int(),
  negative: z.number().int(),
  share: z.object({ mean: z.number(), lower: z.number(), upper: z.number() }),
});

export const alertView = z.object({
  id: z.string(),
  type: z.enum(ALERT_TYPES),
  kind: z.enum(ALERT_KINDS),
  trust: z.object({ odsCode: z.string(), name: z.string().nullable() }).nullable(),
  tumourGroups: z.array(z.string()),
  theme: z.string().nullable(),
  period: z.string(),
  evidenceText: z.string().describe('Redacted comment text (safety) or the figures in one sentence (divergence)'),
  comment: z.object({ source: z.string(), externalId: z.string() }).nullable(),
  evidence: z
    .object({
      recent: windowView,
      baseline: windowView.optional(),
      survey: z.object({ score: z.number(), nationalScore: z.number(), expectedShare: z.number() }).optional(),
      probability: z.number(),
      commentIds: z.array(z.string()),
    })
    .nullable(),
  createdAt: z.string(),
  delivery: z.object({
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
  }),
});

export function toAlertView(alert: StoredAlert): z.infer<typeof alertView> {
  const { odsCode, trustName, ...rest } = alert;
  return { ...rest, trust: odsCode === null ? null : { odsCode, name: trustName } };
}

/** The day after a YYYY-MM-DD date, as an instant: the exclusive end of an inclusive `to`. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export const alertRoutes =
  (store: Store): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Safety and divergence alerts, newest first (keyset: pass `next` back as `after`)',
          querystring: alertQuery,
          response: { 200: z.object({ items: z.array(alertView), next: z.string().nullable() }) },
        },
      },
      async (request) => {
        const { limit, after, from, to, ...filter } = request.query;
        const page = await store.listAlerts(
          {
            ...filter,
            ...(from !== undefined && { createdFrom: `${from}T00:00:00.000Z` }),
            ...(to !== undefined && { createdBefore: dayAfter(to) }),
          },
          { limit, after: after ?? null },
        );
        return { items: page.items.map(toAlertView), next: page.next };
      },
    );
  };
