import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { safetyAlertId } from '../../../src/alerts/alert.js';
import type { NewApiKey } from '../../../src/api/auth/api-key.js';
import { buildApi } from '../../../src/api/server.js';
import { waitUntilReady } from '../../../src/cli/redis-ready.js';
import { closeConnection, createProducerConnection } from '../../../src/queue/connections.js';
import type { TriangulatedCell, TumourGroupSummary } from '../../../src/storage/triangulation-types.js';
import { seededStore } from '../../integration/api/support/seeded-store.js';
import { createCliWorkspace, TEST_REDIS_URL } from '../../integration/cli/support/cli-workspace.js';

/**
 * The API as `carevoice api` serves it, listening on a free port over a temp SQLite store filled by
 * the real process and aggregate stages, with real Redis behind readiness, one synthetic alert and,
 * when given, synthetic triangulated survey figures.
 */

export interface DashboardServer {
  origin: string;
  close(): Promise<void>;
}

/** The seeded trust that carries the synthetic alert. */
export const ALERT_TRUST = 'RBV';
export const ALERT_TEXT = 'Synthetic alert: the ward did not check on him overnight after his temperature rose.';

export interface DashboardServerOptions {
  /** Synthetic comments to seed through the process and aggregate stages. */
  comments: number;
  /** Survey figures to store. @defaultValue none: as before any CPES import */
  triangulation?: { cells: TriangulatedCell[]; summary: TumourGroupSummary[] };
  /** An API key to create, so /v1 asks for it. @defaultValue none: the API is open */
  apiKey?: NewApiKey;
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const ws = await createCliWorkspace();
    cleanups.push(() => ws.cleanup());
    const seeded = await seededStore(options.comments);
    cleanups.push(() => seeded.cleanup());
    const { store } = seeded;
    const comment = { source: 'survey', externalId: 'api-0000' };
    await store.recordAlerts([
      {
        id: safetyAlertId(comment, 'missed_deterioration'),
        type: 'safety',
        kind: 'missed_deterioration',
        odsCode: ALERT_TRUST,
        trustName: null,
        tumourGroups: [],
        theme: null,
        period: '2025-01',
        evidenceText: ALERT_TEXT,
        comment,
        evidence: null,
        createdAt: '2025-07-01T12:00:00.000Z',
      },
    ]);
    if (options.apiKey) {
      const { id, keyHash } = options.apiKey;
      await store.createApiKey({
        id,
        name: 'dashboard test',
        keyHash,
        createdAt: '2025-07-01T12:00:00.000Z',
        revokedAt: null,
      });
    }
    if (options.triangulation) {
      const { cells, summary } = options.triangulation;
      await store.replaceTriangulation(cells, summary, '2025-07-01T12:00:00.000Z');
    }

    const producer = createProducerConnection({ url: TEST_REDIS_URL, name: `${ws.prefix}:dashboard-test` });
    producer.on('error', () => {});
    cleanups.push(() => closeConnection(producer));
    if (!(await waitUntilReady(producer, 5_000))) throw new Error(`Redis at ${TEST_REDIS_URL} is not ready`);
    const app: FastifyInstance = await buildApi({
      store,
      logger: pino({ level: 'silent' }),
      readiness: [{ name: 'redis', check: async () => void (await producer.ping()) }],
      status: async () => ({ queues: [], comments: 0, quarantined: 0, lastRuns: [] }),
    });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return { origin: `http://127.0.0.1:${port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
