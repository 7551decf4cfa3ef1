import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shippedFile } from '../../config/paths.js';
import { titleCaseTrustName } from '../../domain/trusts/trust-name.js';
import { loadTrustReference } from '../../reference/trust-reference.js';
import type { Store } from '../../storage/store.js';

/**
 * The built-in dashboard: plain HTML, ES modules and CSS from src/web (no build step), ECharts from
 * the installed package, and the list of trusts the page offers. Nothing is fetched from another origin.
 */

export interface DashboardOptions {
  /** Folder holding index.html and the page's modules. @defaultValue `<package root>/src/web` */
  webDir?: string;
  /** The ECharts ES module bundle. @defaultValue `echarts/dist/echarts.esm.min.mjs` from node_modules */
  echartsFile?: string;
}

/** Only this origin: the page may not load scripts, styles, images or data from anywhere else.
 *  ECharts sets inline style attributes on the elements it draws, hence 'unsafe-inline' for styles only. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function defaultEchartsFile(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('echarts')), 'echarts.esm.min.mjs');
}

const trustListView = z.object({
  items: z.array(z.object({ odsCode: z.string(), name: z.string() })),
});

/** Trusts with comment scores, named from the shipped ODS reference (the code stands in for an unknown one). */
async function trustsWithScores(
  store: Store,
  names: () => Map<string, string>,
): Promise<z.infer<typeof trustListView>> {
  const rows = await store.listAggregates({ theme: 'all', tumourGroup: 'all' });
  const codes = [...new Set(rows.map((row) => row.odsCode))];
  const items = codes.map((odsCode) => ({ odsCode, name: names().get(odsCode) ?? odsCode }));
  items.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return { items };
}

export const dashboardRoutes =
  (store: Store, options: DashboardOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const webDir = options.webDir ?? shippedFile('src/web');
    const echartsFile = options.echartsFile ?? defaultEchartsFile();
    const required: [what: string, path: string][] = [
      ['page folder', join(webDir, 'index.html')],
      ['ECharts bundle', echartsFile],
    ];
    const missing = required.filter(([, path]) => !existsSync(path));
    if (missing.length > 0) {
      // An install without the page (an image that copied only dist/) still serves the API.
      const list = missing.map(([what, path]) => `${what} (${path})`).join(', ');
      app.log.warn(`dashboard not mounted: missing ${list}`);
      return;
    }
    // The reference is read on the first request, not at start-up: an API without a dashboard user pays nothing.
    let trustNames: Map<string, string> | undefined;
    const names = () => {
      trustNames ??= new Map(loadTrustReference().trusts.map((t) => [t.odsCode, titleCaseTrustName(t.name)]));
      return trustNames;
    };

    app.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
    });

    await app.register(fastifyStatic, { root: webDir, prefix: '/dashboard/', index: ['index.html'] });
    for (const url of ['/', '/dashboard']) {
      app.get(url, { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    }
    app.get('/dashboard/vendor/echarts.js', { schema: { hide: true } }, (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(createReadStream(echartsFile)),
    );
    app.get(
      '/dashboard/trusts',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Trusts that have comment scores, with their display names (for the dashboard trust picker)',
          response: { 200: trustListView },
        },
      },
      () => trustsWithScores(store, names),
    );
  };
