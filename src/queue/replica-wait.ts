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
 * WAIT counts the writes of the connection it is sent on, so it goes on the connection that added
 * the jobs; it holds that connection up to the timeout, which is why the timeout must stay well
 * inside a job's lock renewal (runtime-options.ts).
 */
import type { Redis } from 'ioredis';
import { ReplicationShortfallError } from './errors/replication-shortfall-error.js';

export interface ReplicaWait {
  /** Replicas that must acknowledge; 0 waits for none. */
  replicas: number;
  timeoutMs: number;
}

export async function waitForReplicas(connection: Redis, { replicas, timeoutMs }: ReplicaWait): Promise<void> {
  if (replicas === 0) return;
  const acknowledged = Number(await connection.call('WAIT', replicas, timeoutMs));
  if (acknowledged < replicas) throw new ReplicationShortfallError(replicas, acknowledged, timeoutMs);
}
