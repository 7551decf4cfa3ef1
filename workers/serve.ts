import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type BoardQueues, boardCredentialsFromEnv, openBoardQueues } from '../src/api/board.js';
import { storeReadiness } from '../src/api/routes/health.js';
import { buildApi } from '../src/api/server.js';
import { openApiStore } from '../src/app/open-api-store.js';
import { openPipeline } from '../src/app/open-pipeline.js';
import { enabledSources, runtimeOptions, schedules } from '../src/app/pipeline-settings.js';
import { statusReport } from '../src/app/status-report.js';
import type { Config } from '../src/config/load-config.js';
import { createPipelineMetrics } from '../src/observability/pipeline-metrics.js';
import { registerQueueGauges } from '../src/observability/queue-gauges.js';
import { observeStageHandlers } from '../src/observability/stage-observer.js';
import { registerStoreGauges } from '../src/observability/store-gauges.js';
import type { StageName } from '../src/pipeline/stage.js';
import { redactUrl } from '../src/queue/connections.js';
import {
  assertNoEviction,
  createGracefulShutdown,
  createProducerConnection,
  createStageRegistry,
  createWorkerConnection,
  startStageRunner,
  syncSchedulers,
} from '../src/queue/index.js';
import { redisEndpoint } from './redis-endpoint.js';

export interface ServeOptions {
  /** Stages whose workers run in this process; empty for an API-only process. */
  stages: readonly StageName[];
  /** Upsert the job schedulers at start-up (one process of the fleet should). */
  schedulers: boolean;
  api: boolean;
  /** May start a private redis-server (single-machine `start` only). */
  mayStartLocal: boolean;
  /** API listen address overrides. */
  host?: string;
  port?: number;
}

/**
 * A long-running CareVoice process: some stage workers, optionally the schedulers and the API.
 * It refuses to start on an evicting Redis, and shuts down gracefully on SIGTERM / SIGINT.
 */
export async function serve(config: Config, logger: Logger, options: ServeOptions): Promise<void> {
  // Read before anything starts: half-set board credentials are a configuration error.
  const boardCredentials = options.api ? boardCredentialsFromEnv() : null;
  const metrics = createPipelineMetrics();
  const redis = await redisEndpoint(config, logger, { mayStartLocal: options.mayStartLocal });
  // Filled in as each part starts, so a failure half-way closes exactly what was opened.
  const workers: { close(): Promise<void> }[] = [];
  const queues: { close(): Promise<void> }[] = [];
  const connections: Redis[] = [];
  const lastSteps: (() => Promise<void>)[] = [() => redis.stop()];
  const shutdown = () =>
    createGracefulShutdown(
      { workers, queues, connections, finally: lastSteps },
      { logger, graceMs: config.queue.shutdownGraceMs },
    );
  try {
    const prefix = config.redis.prefix;
    const workerConnection = createWorkerConnection({ url: redis.url, name: `${prefix}:worker` });
    const producer = createProducerConnection({ url: redis.url, name: `${prefix}:producer` });
    connections.push(workerConnection, producer);
    for (const connection of connections) {
      connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    }
    // Refuse an evicting Redis before opening anything else.
    await assertNoEviction(workerConnection, redactUrl(redis.url));
    const pipeline = await openPipeline(config, logger);
    lastSteps.unshift(() => pipeline.close());

    const sources = enabledSources(config);
    if (options.schedulers) {
      const result = await syncSchedulers({
        ...runtimeOptions(config),
        connection: workerConnection,
        schedules: schedules(config),
        logger,
      });
      logger.info(result, 'job schedulers in place');
    }
    if (options.stages.length > 0) {
      workers.push(
        await startStageRunner({
          ...runtimeOptions(config),
          connection: workerConnection,
          registry: createStageRegistry(observeStageHandlers(pipeline.handlers, metrics)),
          sources,
          stages: options.stages,
          logger,
          // A job failing while the store does not answer is handed back unspent; the workers hold.
          store: pipeline.store,
        }),
      );
    }

    let board: BoardQueues | undefined;
    if (options.api) {
      const { store, close: closeStore } = await openApiStore(config, logger, pipeline.store);
      lastSteps.unshift(closeStore);
      registerQueueGauges(metrics, { connection: producer, prefix, sources });
      registerStoreGauges(metrics, { store, sources, exportDir: config.exportDir });
      if (boardCredentials) {
        board = await openBoardQueues(producer, prefix, sources);
        queues.push(board);
      }
      const api = await buildApi({
        store,
        auth: {
          requireKey: config.api.requireKey,
          maxPerMinute: config.api.rateLimitPerMinute,
          // Counted in Redis, so the limit per key holds however many API processes serve it.
          redis: { connection: producer, prefix },
        },
        logger,
        readiness: [{ name: 'redis', check: async () => void (await producer.ping()) }, storeReadiness(store)],
        status: () => statusReport({ connection: producer, prefix, sources, store }),
        metrics: metrics.registry,
        ...(board && boardCredentials ? { board: { credentials: boardCredentials, queues: board.queues } } : {}),
        responseCache: {
          maxBytes: config.api.cacheMegabytes * 1024 * 1024,
          versionCheckMs: config.api.dataVersionCheckMs,
        },
      });
      queues.unshift({ close: () => api.close() });
      const host = options.host ?? config.api.host;
      const port = options.port ?? config.api.port;
      // Workers may already be running: the catch below stops them, and the message says which address.
      const address = await api.listen({ host, port }).catch((error: unknown) => {
        const reason =
          (error as { code?: string }).code === 'EADDRINUSE'
            ? 'the port is in use'
            : error instanceof Error
              ? error.message
              : String(error);
        throw new Error(`the API cannot listen on ${host}:${port} (${reason})`, { cause: error });
      });
      logger.info({ address }, 'API listening');
    }
    logger.info({ stages: options.stages, sources, schedulers: options.schedulers, api: options.api }, 'started');
  } catch (error) {
    await shutdown().shutdown('start-up failed');
    throw error;
  }
  shutdown().install();
}

/** `carevoice scheduler`: upsert every job scheduler once, then exit. */
export async function syncSchedulesOnce(config: Config, logger: Logger): Promise<void> {
  const redis = await redisEndpoint(config, logger, { mayStartLocal: false });
  const connection = createWorkerConnection({ url: redis.url, name: `${config.redis.prefix}:scheduler` });
  try {
    await assertNoEviction(connection, redactUrl(redis.url));
    const result = await syncSchedulers({
      ...runtimeOptions(config),
      connection,
      schedules: schedules(config),
      logger,
    });
    logger.info(result, 'job schedulers in place');
  } finally {
    await connection.quit().catch(() => connection.disconnect());
  }
}
