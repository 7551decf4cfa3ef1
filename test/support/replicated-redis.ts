import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type RunningRedisServer, startRedisServer } from '../../src/queue/redis-server-process.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { type CuttableProxy, startCuttableProxy } from './cuttable-proxy.js';

/**
 * A private Redis primary and a replica that follows it through a cuttable proxy (the replication
 * link), on spare ports with no append-only files: a lagging replica and a failover on demand.
 */
export interface ReplicatedRedis {
  primary: RunningRedisServer;
  /** The replication link: cut, the replica hears nothing more from the primary. */
  link: CuttableProxy;
  replica: RunningRedisServer;
  /** Starts another replica of `server` (a promoted one, say); resolves once it is in step. */
  addReplica(server: RunningRedisServer): Promise<RunningRedisServer>;
  /** Closes the link first (a primary stopped while its replica is cut off waits on it), then every server, and removes their files. */
  close(): Promise<void>;
}

/** No delay before a full sync (Redis's default is 5 s): a replica is in step within a second. */
const NO_SYNC_DELAY = ['--repl-diskless-sync-delay', '0'];

async function inStep(replica: RunningRedisServer): Promise<void> {
  const client = new Redis(replica.url, { maxRetriesPerRequest: 1 });
  try {
    await eventually(
      async () => /master_link_status:up/.test(await client.info('replication')),
      'the replica in step with its primary',
    );
  } finally {
    client.disconnect();
  }
}

export async function startReplicatedRedis(): Promise<ReplicatedRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'carevoice-replicated-'));
  const servers: RunningRedisServer[] = [];
  let link: CuttableProxy | undefined;
  const close = async () => {
    await link?.close();
    for (const server of [...servers].reverse()) await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  const start = async (name: string, extraArgs: readonly string[] = []) => {
    const server = await startRedisServer({
      dir: join(dir, name),
      appendOnly: false,
      extraArgs: [...NO_SYNC_DELAY, ...extraArgs],
    });
    servers.push(server);
    return server;
  };
  const replicaOf = async (name: string, port: number) => {
    const server = await start(name, ['--replicaof', '127.0.0.1', String(port)]);
    await inStep(server);
    return server;
  };
  try {
    const primary = await start('primary');
    link = await startCuttableProxy(primary.url);
    const replica = await replicaOf('replica', link.port);
    return {
      primary,
      link,
      replica,
      addReplica: (server) => replicaOf(`replica-${servers.length}`, server.port),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
