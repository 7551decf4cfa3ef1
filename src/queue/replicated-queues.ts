/**
 * The queues that replicated hand-overs add to (EnqueueOptions.replicated; replica-wait.ts), on a
 * connection of their own: a replica wait holds its connection up to its timeout, and on the
 * connection the workers share it would hold up their lock renewals and every other enqueue of the
 * process behind it.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeConnection } from './connections.js';
import { QueueSet } from './queue-set.js';
import type { ResolvedRuntimeOptions } from './runtime-options.js';

export interface ReplicatedQueues {
  readonly queues: QueueSet;
  /** Closes the queues, then their connection. */
  close(): Promise<void>;
}

/** Undefined when no replicas are asked for: replicated hand-overs then go through the shared queues. */
export function openReplicatedQueues(
  shared: Redis,
  options: ResolvedRuntimeOptions,
  logger: Logger,
): ReplicatedQueues | undefined {
  if (options.replicaWait.replicas === 0) return undefined;
  const connection = shared.duplicate({
    connectionName: `${shared.options.connectionName ?? 'carevoice'}:replicated`,
  });
  // ioredis reconnects by itself; without a listener its errors would be printed to stderr unlogged.
  connection.on('error', (error) => logger.warn({ err: error }, 'Redis connection for replicated hand-overs failed'));
  const queues = new QueueSet(connection, options, logger);
  return {
    queues,
    async close() {
      try {
        await queues.close();
      } finally {
        await closeConnection(connection);
      }
    },
  };
}
