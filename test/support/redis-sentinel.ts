import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findExecutable, freePort } from '../../src/queue/redis-server-process.js';
import { eventually } from '../integration/queue/support/redis-kit.js';

/**
 * A private Redis Sentinel (`redis-server <conf> --sentinel`, on a spare port, its files in a temp
 * folder removed when it ends) watching one primary by name, quick to act: the primary counts as
 * down after `downAfterMs` without an answer, and one sentinel is a quorum, so it fails over on its
 * own.
 */
export interface RunningSentinel {
  port: number;
  /** The primary's name, as a redis+sentinel:// URL names it. */
  primaryName: string;
  /** REDIS_URL for a CareVoice process that should follow the primary through this sentinel. */
  url: string;
  /** The primary's port as this sentinel now reports it. */
  primaryPort(): Promise<number>;
  /** The replicas of the primary the sentinel knows (SENTINEL REPLICAS), each as its fields. */
  replicas(): Promise<Record<string, string>[]>;
  /** Asks the sentinel to fail over now, the primary alive (SENTINEL FAILOVER). */
  failover(): Promise<void>;
  /** Ends the sentinel at once (SIGKILL), as a crash of its host would. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface SentinelOptions {
  primaryPort: number;
  /** Replicas the sentinel must know of before this resolves, so a failover has a candidate. @defaultValue 1 */
  replicas?: number;
  /** @defaultValue 1000 */
  downAfterMs?: number;
  /** Sentinels that must agree the primary is down before one fails it over. @defaultValue 1 */
  quorum?: number;
  /** Other sentinels this one must have heard from before this resolves. @defaultValue 0 */
  peers?: number;
}

const PRIMARY_NAME = 'carevoice-primary';

export async function startSentinel(options: SentinelOptions): Promise<RunningSentinel> {
  const binary = findExecutable('redis-server');
  if (!binary) throw new Error('no redis-server binary on PATH');
  const port = await freePort();
  // The sentinel rewrites its config file as it learns.
  const dir = await mkdtemp(join(tmpdir(), 'carevoice-sentinel-'));
  const configFile = join(dir, 'sentinel.conf');
  const downAfterMs = options.downAfterMs ?? 1000;
  await writeFile(
    configFile,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `logfile ${join(dir, 'sentinel.log')}`,
      `sentinel monitor ${PRIMARY_NAME} 127.0.0.1 ${options.primaryPort} ${options.quorum ?? 1}`,
      `sentinel down-after-milliseconds ${PRIMARY_NAME} ${downAfterMs}`,
      `sentinel failover-timeout ${PRIMARY_NAME} 10000`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, [configFile, '--sentinel'], { stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
  const end = (signal: NodeJS.Signals) => async () => {
    admin.disconnect();
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const stop = end('SIGTERM');
  try {
    const wanted = options.replicas ?? 1;
    await eventually(async () => {
      const replicas = (await admin.call('SENTINEL', 'REPLICAS', PRIMARY_NAME)) as unknown[];
      return replicas.length >= wanted;
    }, `the sentinel knowing ${wanted} replica(s) of the primary`);
    const peers = options.peers ?? 0;
    // Sentinels find each other through the primary's hello channel, every 2 s.
    await eventually(
      async () => ((await admin.call('SENTINEL', 'SENTINELS', PRIMARY_NAME)) as unknown[]).length >= peers,
      `the sentinel hearing from ${peers} other sentinel(s)`,
      20_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    primaryName: PRIMARY_NAME,
    url: `redis+sentinel://127.0.0.1:${port}/${PRIMARY_NAME}`,
    async primaryPort() {
      const [, reported] = (await admin.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', PRIMARY_NAME)) as [string, string];
      return Number(reported);
    },
    async replicas() {
      const reported = (await admin.call('SENTINEL', 'REPLICAS', PRIMARY_NAME)) as string[][];
      return reported.map((fields) => {
        const replica: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) replica[fields[i] as string] = fields[i + 1] as string;
        return replica;
      });
    },
    async failover() {
      await admin.call('SENTINEL', 'FAILOVER', PRIMARY_NAME);
    },
    crash: end('SIGKILL'),
    stop,
  };
}

/**
 * `count` sentinels watching one primary with a majority quorum, started together (each waits to
 * hear from the others), and a URL that lists them all in order.
 */
export interface RunningSentinels {
  sentinels: RunningSentinel[];
  /** REDIS_URL listing every sentinel, in the order started. */
  url: string;
  stop(): Promise<void>;
}

export async function startSentinels(
  count: number,
  options: Omit<SentinelOptions, 'quorum' | 'peers'>,
): Promise<RunningSentinels> {
  const quorum = Math.floor(count / 2) + 1;
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startSentinel({ ...options, quorum, peers: count - 1 })),
  );
  const sentinels = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed !== undefined) {
    for (const sentinel of sentinels) await sentinel.stop();
    throw failed.reason;
  }
  const hosts = sentinels.map((s) => `127.0.0.1:${s.port}`).join(',');
  return {
    sentinels,
    url: `redis+sentinel://${hosts}/${PRIMARY_NAME}`,
    async stop() {
      for (const sentinel of sentinels) await sentinel.stop();
    },
  };
}
