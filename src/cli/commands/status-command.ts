import type { Command } from 'commander';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { enabledSources } from '../../app/pipeline-settings.js';
import { listSources, sourceStatusLines } from '../../app/source-listing.js';
import { runView, statusReport } from '../../app/status-report.js';
import { redactUrl } from '../../queue/connections.js';
import { closeConnection, createProducerConnection } from '../../queue/index.js';
import { loadCliContext } from '../load-cli-config.js';
import { observedRedisUrlFor } from '../observed-redis.js';
import { waitUntilReady } from '../redis-ready.js';
import { formatTable } from '../table.js';

/** How long `status` waits for Redis before showing the store's side only. */
const REDIS_WAIT_MS = 2_000;

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Queue depths, failed and quarantined counts, and the last run per source')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { config, logger } = loadCliContext('status');
      const store = await openConfiguredStore(config, logger);
      const redisUrl = await observedRedisUrlFor(config);
      const connection = createProducerConnection({ url: redisUrl, name: `${config.redis.prefix}:status` });
      connection.on('error', () => {});
      try {
        const report = await (async () => {
          if (!(await waitUntilReady(connection, REDIS_WAIT_MS))) {
            throw new Error(`no answer from ${redactUrl(redisUrl)} within ${REDIS_WAIT_MS} ms`);
          }
          return statusReport({ connection, prefix: config.redis.prefix, sources: enabledSources(config), store });
        })().catch(async (error: unknown) => {
          // Without Redis the store's side is still worth showing.
          logger.warn({ err: error }, 'Redis did not answer; queue depths are unknown');
          return {
            queues: [],
            comments: await store.countComments({ includeDuplicates: true }),
            quarantined: await store.countQuarantine(),
            lastRuns: (await store.lastRuns()).map(runView),
          };
        });
        // Per-source health from the collect queues; when Redis is away, the store's last runs only.
        const queues = connection.status === 'ready' ? { connection, prefix: config.redis.prefix } : undefined;
        const sources = await listSources({ config, store, queues }).catch(() => listSources({ config, store }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...report, sources })}\n`);
          return;
        }
        const queueTable = formatTable(
          ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed'],
          report.queues.map((q) => [q.name, q.waiting, q.active, q.delayed, q.failed, q.completed]),
        );
        const runs = formatTable(
          ['run', 'source', 'finished', 'status', 'counts'],
          report.lastRuns.map((r) => [
            r.kind,
            r.source ?? '',
            r.finishedAt,
            r.status,
            Object.entries(r.counts)
              .map(([k, v]) => `${k}=${v}`)
              .join(' '),
          ]),
        );
        process.stdout.write(
          `${queueTable}\n\ncomments stored: ${report.comments.toLocaleString('en-GB')}   quarantined: ${report.quarantined.toLocaleString('en-GB')}\n\n${runs}\n\nsources\n${sourceStatusLines(sources).join('\n')}\n`,
        );
      } finally {
        await closeConnection(connection);
        await store.close();
      }
    });
}
