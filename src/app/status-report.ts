import type { Redis } from 'ioredis';
import type { StatusReport } from '../api/routes/status.js';
import { queueDepths } from '../queue/index.js';
import type { RunRecord, Store } from '../storage/store.js';

/** A run record as status shows it (the same shape from the CLI and the API). */
export function runView(run: RunRecord): StatusReport['lastRuns'][number] {
  return {
    kind: run.kind,
    ...(run.source ? { source: run.source } : {}),
    finishedAt: run.finishedAt,
    status: run.status,
    counts: run.counts,
  };
}

/** What `carevoice status` and `GET /v1/status` show: queue depths, stored and quarantined counts, last runs. */
export async function statusReport(deps: {
  connection: Redis;
  prefix: string;
  sources: readonly string[];
  store: Store;
}): Promise<StatusReport> {
  const [queues, comments, quarantined, runs] = await Promise.all([
    queueDepths({ connection: deps.connection, prefix: deps.prefix, sources: deps.sources }),
    deps.store.countComments({ includeDuplicates: true }),
    deps.store.countQuarantine(),
    deps.store.lastRuns(),
  ]);
  return {
    queues: queues.map((q) => ({
      name: q.name,
      waiting: q.waiting,
      active: q.active,
      delayed: q.delayed,
      failed: q.failed,
      completed: q.completed,
    })),
    comments,
    quarantined,
    lastRuns: runs.map(runView),
  };
}
