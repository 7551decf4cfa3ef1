import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/server.js';
import { type SeededStore, seededStore } from '../integration/api/support/seeded-store.js';

/** The dashboard's routes without a browser: what is served, with which headers, and what is refused. */

let seeded: SeededStore;
let app: FastifyInstance;

beforeAll(async () => {
  seeded = await seededStore(30);
  app = await buildApi({
    store: seeded.store,
    readiness: [],
    status: async () => ({ queues: [], comments: 0, quarantined: 0, lastRuns: [] }),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app?.close();
  await seeded?.cleanup();
});

describe('dashboard routes', () => {
  it.each(['/', '/dashboard', '/dashboard/'])('serves the page at %s with a same-origin-only policy', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<h1>Cancer patient experience</h1>');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the page modules and ECharts as JavaScript', async () => {
    for (const url of ['/dashboard/app.js', '/dashboard/vendor/echarts.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/javascript/);
    }
    const echarts = await app.inject({ method: 'GET', url: '/dashboard/vendor/echarts.js' });
    expect(echarts.body).toContain('export');
  });

  it('lists the trusts with comment scores, named from the ODS reference', async () => {
    const response = await app.inject({ method: 'GET', url: '/dashboard/trusts' });
    const body = response.json() as { items: { odsCode: string; name: string }[] };
    expect(body.items.map((t) => t.odsCode).sort()).toEqual(['RAX', 'RBV', 'RPY']);
    const rbv = body.items.find((t) => t.odsCode === 'RBV');
    expect(rbv?.name).toBe('The Christie NHS Foundation Trust');
  });

  it('refuses paths outside the page folder and files that do not exist', async () => {
    for (const url of ['/dashboard/../package.json', '/dashboard/%2e%2e/package.json', '/dashboard/missing.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('"name": "carevoice"');
    }
  });

  it('documents the trust list in OpenAPI but not the static files', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toContain('/dashboard/trusts');
    expect(paths.filter((p) => p.startsWith('/dashboard/') && p !== '/dashboard/trusts')).toEqual([]);
  });
});

describe('dashboard without its page folder', () => {
  it('leaves the dashboard unmounted and the API serving', async () => {
    const { default: Fastify } = await import('fastify');
    const { dashboardRoutes } = await import('../../src/api/routes/dashboard.js');
    const bare = Fastify({ logger: false });
    await bare.register(dashboardRoutes(seeded.store, { webDir: '/nonexistent/carevoice-web' }));
    bare.get('/v1/ping', async () => ({ ok: true }));
    try {
      expect((await bare.inject({ method: 'GET', url: '/dashboard' })).statusCode).toBe(404);
      expect((await bare.inject({ method: 'GET', url: '/v1/ping' })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
