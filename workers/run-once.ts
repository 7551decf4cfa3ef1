import type { Logger } from 'pino';
import { openPipeline } from '../src/app/open-pipeline.js';
import { enabledSources, runtimeOptions } from '../src/app/pipeline-settings.js';
import type { Config } from '../src/config/load-config.js';
import { type RunProgress, type RunSummary, runOnce } from '../src/queue/index.js';
import { redisEndpoint } from './redis-endpoint.js';

export interface RunOnceReport {
  summary: RunSummary;
  stored: { comments: number; quarantined: number; pages: number };
  store: string;
  exportPath: string | null;
}

/** `carevoice run --once`: one full pass on this machine, then a report for the summary table. */
export async function runOncePass(
  config: Config,
  logger: Logger,
  onProgress?: (progress: RunProgress) => void,
): Promise<RunOnceReport> {
  const redis = await redisEndpoint(config, logger, { mayStartLocal: true });
  try {
    const pipeline = await openPipeline(config, logger);
    try {
      const summary = await runOnce({
        ...runtimeOptions(config),
        redisUrl: redis.url,
        handlers: pipeline.handlers,
        sources: enabledSources(config),
        logger,
        ...(onProgress ? { onProgress } : {}),
        store: pipeline.store,
      });
      const [comments, quarantined, pages, runs] = await Promise.all([
        pipeline.store.countComments({ includeDuplicates: true }),
        pipeline.store.countQuarantine(),
        pipeline.store.countPages(),
        pipeline.store.lastRuns(),
      ]);
      const exportRun = runs.find((run) => run.kind === 'export');
      return {
        summary,
        stored: { comments, quarantined, pages },
        store: config.database.url ? 'postgresql' : config.sqlitePath,
        exportPath: summary.export === 'completed' ? (exportRun?.message ?? null) : null,
      };
    } finally {
      await pipeline.close();
    }
  } finally {
    await redis.stop();
  }
}
