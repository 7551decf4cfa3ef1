/**
 * Fewer replicas than asked for acknowledged the jobs just added. The jobs are on the primary, but a
 * failover now could lose them, so the job that added them fails and is retried (its source's cursor
 * has not moved), rather than going on as if they were safe.
 */
export class ReplicationShortfallError extends Error {
  readonly code = 'redis_replication_shortfall';
  constructor(
    readonly wanted: number,
    readonly acknowledged: number,
    readonly timeoutMs: number,
    /** Why no count can be trusted, when that is the reason. */
    readonly reason?: string,
  ) {
    super(
      reason === undefined
        ? `jobs added to Redis reached ${acknowledged} of the ${wanted} replica(s) asked for (redis.waitForReplicas) within ${timeoutMs} ms; the job will be retried`
        : `jobs added to Redis may not have reached the ${wanted} replica(s) asked for (redis.waitForReplicas): ${reason}; the job will be retried`,
    );
    this.name = 'ReplicationShortfallError';
  }
}
