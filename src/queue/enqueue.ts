import { type EnqueueOptions, type EnqueueRequest, type StageName, stagePayloadSchemas } from '../pipeline/stage.js';
import { InvalidEnqueueError } from './errors/invalid-enqueue-error.js';
import { assertJobId, queueNameFor } from './queue-names.js';
import type { QueueSet } from './queue-set.js';

/**
 * Adds jobs for one stage with deterministic ids, one `addBulk` per target queue; `replicated`, then
 * waits for the configured replicas to have them (replica-wait.ts). Payloads are
 * checked against the stage's schema here too, so a bad job fails in the job that made it (with
 * that job's context) rather than later as an unrecoverable job downstream.
 */
export async function enqueueStageJobs<S extends StageName>(
  queues: QueueSet,
  stage: S,
  requests: readonly EnqueueRequest<S>[],
  options: EnqueueOptions = {},
): Promise<void> {
  const byQueue = new Map<string, { name: string; data: unknown; opts: { jobId: string; delay?: number } }[]>();
  const seen = new Set<string>();
  for (const request of requests) {
    const queueName = targetQueue(stage, request);
    try {
      assertJobId(request.id);
    } catch (error) {
      throw new InvalidEnqueueError(stage, request.id, (error as Error).message);
    }
    const parsed = stagePayloadSchemas[stage].safeParse(request.payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      throw new InvalidEnqueueError(
        stage,
        request.id,
        `payload does not match the ${stage} schema: ${issues.join('; ')}`,
      );
    }
    // The same id twice in one call would be deduplicated silently by BullMQ; that is always a bug here.
    const key = `${queueName}\u0000${request.id}`;
    if (seen.has(key)) throw new InvalidEnqueueError(stage, request.id, 'the same job id appears twice in one enqueue');
    seen.add(key);
    const opts: { jobId: string; delay?: number } = { jobId: request.id };
    if (request.delayMs !== undefined && request.delayMs > 0) opts.delay = request.delayMs;
    const jobs = byQueue.get(queueName) ?? [];
    jobs.push({ name: stage, data: parsed.data, opts });
    byQueue.set(queueName, jobs);
  }
  if (byQueue.size === 0) return;
  const connectedSince = queues.connectionGeneration;
  for (const [queueName, jobs] of byQueue) await queues.get(queueName).addBulk(jobs);
  if (options.replicated) await queues.confirmReplicated(connectedSince);
}

function targetQueue<S extends StageName>(stage: S, request: EnqueueRequest<S>): string {
  // Only collect has a queue per source; `source` on other stages is ignored.
  if (stage !== 'collect') return queueNameFor(stage);
  const payloadSource = (request.payload as { source?: unknown }).source;
  const source = request.source ?? (typeof payloadSource === 'string' ? payloadSource : undefined);
  if (source === undefined) throw new InvalidEnqueueError(stage, request.id, 'a collect job needs a source');
  if (typeof payloadSource === 'string' && payloadSource !== source) {
    throw new InvalidEnqueueError(
      stage,
      request.id,
      `source "${source}" differs from payload source "${payloadSource}"`,
    );
  }
  try {
    return queueNameFor(stage, source);
  } catch (error) {
    throw new InvalidEnqueueError(stage, request.id, (error as Error).message);
  }
}
