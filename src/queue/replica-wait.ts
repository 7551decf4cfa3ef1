/**
 * Waiting for replicas before a hand-over counts as done. The collect stage moves a source's cursor
 * once Redis has acknowledged the page's process jobs, and a process job is marked done once the
 * store has its batch. With replicas and failover (Sentinel, managed services), replication is
 * asynchronous: a primary that fails right after acknowledging jobs can take them with it, and the
 * promoted replica never had them; a cursor already moved past them loses those comments for good.
 * Redis's WAIT blocks until the connection's writes so far have reached `replicas` replicas (or the
 * timeout passes), so a page's jobs are on a replica before its cursor moves. Failover promotes
 * the most up-to-date replica, so this makes losing them unlikely, not impossible (Redis's own
 * caveat for WAIT).
 *
 * WAIT counts the writes made earlier on the connection it is sent on (one that wrote nothing gets
 * an answer at once), so it goes on the connection that added the jobs, and a reconnect in between
 * voids it (QueueSet.confirmReplicated). A retry that adds the same job ids again still writes (BullMQ
 * records the duplicate as an event), so its WAIT covers the first adds too. It holds its connection
 * up to the timeout, so replicated hand-overs get a connection of their own (replicated-queues.ts).
 */
import type { Redis } from 'ioredis';
import { ReplicationShortfallError } from './errors/replication-shortfall-error.js';
import { infoValue } from './preflight.js';

export interface ReplicaWait {
  /** Replicas that must acknowledge; 0 waits for none. */
  replicas: number;
  timeoutMs: number;
}

export async function waitForReplicas(connection: Redis, { replicas, timeoutMs }: ReplicaWait): Promise<void> {
  const acknowledged = Number(await connection.call('WAIT', replicas, timeoutMs));
  if (acknowledged < replicas) throw new ReplicationShortfallError(replicas, acknowledged, timeoutMs);
}

/** A warning when Redis has fewer replicas connected than `replicas` (every replicated hand-over would fall short), else undefined. */
export async function replicaShortfallWarning(
  connection: Redis,
  replicas: number,
  server: string,
): Promise<string | undefined> {
  if (replicas === 0) return undefined;
  const info = await connection.info('replication');
  const connected = Number(infoValue(info, 'connected_slaves') ?? 0);
  if (connected >= replicas) return undefined;
  return (
    `Redis at ${server} has ${connected} replica(s) connected, and redis.waitForReplicas asks for ${replicas}: ` +
    'every collect page will fall short and wait for its retry until enough replicas are connected. ' +
    'Point REDIS_URL at the primary of a replicated Redis, or lower redis.waitForReplicas.'
  );
}
