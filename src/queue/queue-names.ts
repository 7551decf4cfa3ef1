import { STAGE_NAMES, type StageName } from '../pipeline/stage.js';

/**
 * Every queue name in one place. BullMQ refuses ':' in queue names (it separates key parts), so a
 * source's collect queue is `collect-<source>`, not `collect:<source>`.
 */

/**
 * Default BullMQ key prefix. The braces make it a Redis Cluster hash tag, so every CareVoice key
 * lands in one slot and BullMQ's multi-key scripts work on a cluster.
 */
export const DEFAULT_QUEUE_PREFIX = '{carevoice}';

/** Lower-case letters, digits, '_' and '-': safe in queue names, job ids and Redis keys. */
const SOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class InvalidQueueNameError extends Error {
  readonly code = 'invalid_queue_name';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueueNameError';
  }
}

export function assertSourceId(source: string): void {
  if (!SOURCE_ID.test(source)) {
    throw new InvalidQueueNameError(
      `source id "${source}" cannot name a queue: use 1–64 lower-case letters, digits, '_' or '-', starting with a letter or digit`,
    );
  }
}

export function collectQueueName(source: string): string {
  assertSourceId(source);
  return `collect-${source}`;
}

/** The queue a stage's job goes to; `collect` needs its source. */
export function queueNameFor(stage: StageName, source?: string): string {
  if (stage === 'collect') {
    if (source === undefined) throw new InvalidQueueNameError('a collect job needs a source to pick its queue');
    return collectQueueName(source);
  }
  return stage;
}

/** The stage a queue name belongs to, or undefined for a name that is not CareVoice's. */
export function stageOfQueue(queueName: string): { stage: StageName; source?: string } | undefined {
  if (queueName.startsWith('collect-')) {
    const source = queueName.slice('collect-'.length);
    return SOURCE_ID.test(source) ? { stage: 'collect', source } : undefined;
  }
  const stage = SHARED_QUEUE_STAGES.find((name) => name === queueName);
  return stage === undefined ? undefined : { stage };
}

/** Every stage but collect has one queue named after it, in STAGE_NAMES order (upstream first). */
const SHARED_QUEUE_STAGES: readonly StageName[] = STAGE_NAMES.filter((stage) => stage !== 'collect');

/** Every queue for the given sources, upstream first (collect queues, then process, aggregate, export, alert). */
export function allQueueNames(sources: readonly string[]): string[] {
  const collect = [...new Set(sources)].sort().map(collectQueueName);
  return [...collect, ...SHARED_QUEUE_STAGES];
}

/**
 * BullMQ rejects custom job ids that contain ':' (they collide with its own key layout) and ids that
 * are plain integers (they collide with its auto-increment ids).
 */
export function assertJobId(id: string): void {
  if (id.length === 0 || id.length > 256)
    throw new InvalidQueueNameError(`job id must be 1–256 characters, got ${id.length}`);
  if (id.includes(':')) throw new InvalidQueueNameError(`job id "${id}" contains ':', which BullMQ reserves`);
  if (/^\d+$/.test(id)) throw new InvalidQueueNameError(`job id "${id}" is an integer, which BullMQ reserves`);
}
