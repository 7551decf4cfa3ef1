import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPipeline } from '../../src/app/open-pipeline.js';
import { runtimeOptions } from '../../src/app/pipeline-settings.js';
import { loadConfig } from '../../src/config/load-config.js';
import { packageRoot } from '../../src/config/paths.js';
import { createLogger } from '../../src/observability/logger.js';
import { closeConnection, createWorkerConnection } from '../../src/queue/connections.js';
import { pendingJobs } from '../../src/queue/drain.js';
import { enqueueStageJobs } from '../../src/queue/enqueue.js';
import { createStageRegistry } from '../../src/queue/registry.js';
import { startStageRunner } from '../../src/queue/stage-runner.js';
import { openStore } from '../../src/storage/open-store.js';
import { openPostgres } from '../../src/storage/postgres/open-postgres.js';
import { procStatusMb } from './process-memory.js';
import { deletePrefix, RedisMemorySampler, redisMemoryField } from './redis-memory.js';
import { RetriedAttempts } from './retried-attempts.js';
import { startWorkerFleet } from './worker-fleet.js';
import { readWorkerMemoryPeaks, type WorkerMemoryPeaks } from './worker-memory-log.js';

/**
 * One end-to-end run: `workers` spawned `carevoice worker process` children and a collect worker in
 * this process share a fresh Redis prefix and a fresh store (SQLite file or PostgreSQL schema). The
 * clock runs from the first collect job to the moment both queues are drained.
 */

export interface RunSpec {
  store: 'sqlite' | 'postgres';
  comments: number;
  workers: number;
  /** Sample comments per page (one collect job). */
  pageSize: number;
  /** Comments per process job. @defaultValue the configuration's default */
  batchSize?: number | undefined;
  /** Process jobs each worker runs at once. @defaultValue the configuration's default */
  concurrency?: number | undefined;
  redisUrl: string;
  postgresUrl: string;
  /** Node flags for the workers (e.g. `--cpu-prof`, `--max-semi-space-size=4`). */
  nodeFlags?: readonly string[];
  /** Run the workers from the built CLI (dist/) instead of the sources through tsx. */
  built?: boolean;
  /** Sample each worker's memory (process.memoryUsage) every second into this JSON Lines file. */
  memoryLog?: string | undefined;
  timeoutMs: number;
}

export interface RunFigures {
  store: string;
  workers: number;
  comments: number;
  seconds: number;
  perSecond: number;
  /** When the collect queue first drained (every page fetched and enqueued). */
  collectSeconds: number;
  stored: number;
  failedJobs: number;
  /** Job attempts that failed and were retried (lock timeouts, crashes mid-batch), collect and process. */
  retriedAttempts: number;
  /**
   * CPU time the workers and this (collecting) process used from the first collect job to the drain,
   * in seconds: what the run cost, whatever share of the shared machine it got.
   */
  cpuSeconds: number;
  /** Peak resident set (VmHWM) of each worker, MB. */
  workerPeakRssMb: number[];
  /** Highest sampled resident set of this (collecting) process during the run, MB. */
  collectorRssMb: number;
  /** Highest sampled growth of Redis used_memory over its level before the run, MB. */
  redisGrowthMb: number;
  /** INFO memory used_memory_peak after the run (server-wide, since Redis started), MB. */
  redisUsedMemoryPeakMb: number;
  /** Most process jobs seen waiting at once. */
  maxWaitingJobs: number;
  /** With `memoryLog`: the highest of each memory figure among the workers' samples, MB. */
  workerMemoryMb?: WorkerMemoryPeaks | undefined;
}

const SAMPLE_SEED = 42;
const AUTHOR_KEY = 'carevoice-bench-author-hash-key-0123456789';

export function sampleSettings(spec: Pick<RunSpec, 'comments' | 'pageSize'>) {
  return { seed: SAMPLE_SEED, count: spec.comments, pageSize: spec.pageSize };
}

function overlay(spec: RunSpec, dir: string, prefix: string): Record<string, unknown> {
  const queue: Record<string, unknown> = {};
  if (spec.batchSize !== undefined) queue['processBatchSize'] = spec.batchSize;
  if (spec.concurrency !== undefined) queue['concurrency'] = { process: spec.concurrency };
  return {
    dataDir: join(dir, 'data'),
    exportDir: join(dir, 'exports'),
    redis: { prefix, startLocal: false },
    queue,
    sources: {
      file: { enabled: false },
      sample: {
        enabled: true,
        ...sampleSettings(spec),
        maxPagesPerRun: Math.ceil(spec.comments / spec.pageSize) + 1,
        // The sample is synthetic: no terms of use to respect, so its limiter must not set the pace.
        limiter: { max: 10_000, durationMs: 1000 },
      },
    },
    log: { level: 'warn' },
  };
}

export async function runEndToEnd(spec: RunSpec): Promise<RunFigures> {
  const tag = randomBytes(4).toString('hex');
  const prefix = `{cvbench-${tag}}`;
  const dir = mkdtempSync(join(tmpdir(), 'carevoice-e2e-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(overlay(spec, dir, prefix)));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CAREVOICE_CONFIG: configPath,
    REDIS_URL: spec.redisUrl,
    CAREVOICE_AUTHOR_HASH_KEY: AUTHOR_KEY,
    LOG_LEVEL: 'warn',
  };
  const nodeFlags = [...(spec.nodeFlags ?? [])];
  if (spec.memoryLog) {
    env['CAREVOICE_BENCH_MEMORY_LOG'] = spec.memoryLog;
    nodeFlags.push('--import', join(packageRoot(), 'bench/support/sample-memory.mjs'));
  }
  delete env['DATABASE_URL'];
  const schema = spec.store === 'postgres' ? `carevoice_e2e_${tag}` : undefined;
  if (schema) {
    // Created and migrated here, pinned to its schema; every process then finds it through search_path.
    const store = await openStore({ databaseUrl: spec.postgresUrl, sqlitePath: 'unused', postgresSchema: schema });
    await store.close();
    const separator = spec.postgresUrl.includes('?') ? '&' : '?';
    env['DATABASE_URL'] = `${spec.postgresUrl}${separator}options=-c%20search_path%3D${schema}`;
  }
  const logger = createLogger({ name: 'bench-e2e', level: 'warn' });
  const config = loadConfig({ env });
  const pipeline = await openPipeline(config, logger);
  const connection = createWorkerConnection({ url: spec.redisUrl, name: `${prefix}:bench` });
  const fleet = startWorkerFleet({
    root: packageRoot(),
    count: spec.workers,
    env,
    nodeFlags,
    built: spec.built ?? false,
  });
  let runner: Awaited<ReturnType<typeof startStageRunner>> | undefined;
  let retried: RetriedAttempts | undefined;
  try {
    runner = await startStageRunner({
      ...runtimeOptions(config),
      connection,
      registry: createStageRegistry(pipeline.handlers),
      sources: ['sample'],
      stages: ['collect'],
      logger,
    });
    const collectQueue = runner.queues.get('collect-sample');
    const processQueue = runner.queues.get('process');
    await fleet.ready(processQueue, 60_000);
    retried = await RetriedAttempts.listen(connection, prefix, [collectQueue.name, processQueue.name]);
    const redisMemory = new RedisMemorySampler(connection);
    await redisMemory.start();

    const started = performance.now();
    const workerCpuAtStart = fleet.cpuSeconds();
    const collectorCpuAtStart = process.cpuUsage();
    const deadline = Date.now() + spec.timeoutMs;
    const runId = `bench-${tag}`;
    await enqueueStageJobs(runner.queues, 'collect', [
      { id: `collect-sample-${runId}-0`, payload: { source: 'sample', cursor: null, pageNumber: 0, runId } },
    ]);
    let collectSeconds = Number.NaN;
    let collectorRssMb = 0;
    let maxWaitingJobs = 0;
    for (let poll = 0; ; poll++) {
      const collecting = await pendingJobs(collectQueue);
      if (collecting === 0 && Number.isNaN(collectSeconds)) collectSeconds = (performance.now() - started) / 1000;
      // Upstream first: a collect job enqueues its batches before it leaves `active`.
      if (collecting === 0 && (await pendingJobs(processQueue)) === 0) break;
      if (Date.now() > deadline) throw new Error(`run did not drain in ${spec.timeoutMs} ms:\n${fleet.output()}`);
      if (poll % 4 === 0) {
        await redisMemory.sample();
        maxWaitingJobs = Math.max(maxWaitingJobs, (await processQueue.getJobCounts('waiting'))['waiting'] ?? 0);
        collectorRssMb = Math.max(collectorRssMb, procStatusMb(process.pid, 'VmRSS') ?? 0);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const seconds = (performance.now() - started) / 1000;
    const collectorCpu = process.cpuUsage(collectorCpuAtStart);
    const cpuSeconds = fleet.cpuSeconds() - workerCpuAtStart + (collectorCpu.user + collectorCpu.system) / 1e6;
    const failed = await Promise.all([collectQueue, processQueue].map((q) => q.getJobCounts('failed')));
    const workerPeakRssMb = fleet.peakRssMb();
    // A retried job ran again before the queues drained, so its event is at most one read behind.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Stop the workers first, so their last samples (at exit) are in the log.
    await fleet.stop(20_000);
    return {
      store: spec.store,
      workers: spec.workers,
      comments: spec.comments,
      seconds,
      perSecond: spec.comments / seconds,
      cpuSeconds,
      collectSeconds,
      stored: await pipeline.store.countComments({ includeDuplicates: true }),
      failedJobs: failed.reduce((sum, counts) => sum + (counts['failed'] ?? 0), 0),
      retriedAttempts: retried.total(),
      workerPeakRssMb,
      collectorRssMb,
      redisGrowthMb: redisMemory.peakGrowthMb,
      redisUsedMemoryPeakMb: (await redisMemoryField(connection, 'used_memory_peak')) / 2 ** 20,
      maxWaitingJobs,
      workerMemoryMb: spec.memoryLog ? readWorkerMemoryPeaks(spec.memoryLog, fleet.pids) : undefined,
    };
  } finally {
    await fleet.stop(20_000);
    await retried?.close();
    await runner?.close();
    await deletePrefix(connection, prefix);
    await closeConnection(connection);
    await pipeline.close();
    if (schema) {
      const admin = await openPostgres({ connectionString: spec.postgresUrl, poolSize: 1 });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
