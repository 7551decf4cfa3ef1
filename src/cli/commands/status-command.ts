import type { Command } from 'commander';
import { enabledSources } from '../../app/pipeline-settings.js';
import { statusReport } from '../../app/status-report.js';
import { DEFAULT_REDIS_URL } from '../../queue/connections.js';
import { closeConnection, createProducerConnection } from '../../queue/index.js';
import { openStore } from '../../storage/open-store.js';
import { loadCliContext } from '../load-cli-config.js';
import { formatTable } from '../table.js';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Queue depths, failed and quarantined counts, and the last run per source')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { config, logger } = loadCliContext('status');
      const store = await openStore({ databaseUrl: config.database.url, sqlitePath: config.sqlitePath, logger });
      const connection = createProducerConnection({ url: config.redis.url ?? DEFAULT_REDIS_URL, name: 'status' });
      connection.on('error', () => {});
      try {
        const report = await statusReport({
          connection,
          prefix: config.redis.prefix,
          sources: enabledSources(config),
          store,
        }).catch(async (error: unknown) => {
          // Without Redis the store's side is still worth showing.
          logger.warn({ err: error }, 'Redis did not answer; queue depths are unknown');
          return {
            queues: [],
            comments: await store.countComments({ includeDuplicates: true }),
            quarantined: await store.countQuarantine(),
            lastRuns: (await store.lastRuns()).map((r) => ({ ...r, source: r.source ?? '' })),
          };
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        const queues = formatTable(
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
          `${queues}\n\ncomments stored: ${report.comments.toLocaleString('en-GB')}   quarantined: ${report.quarantined.toLocaleString('en-GB')}\n\n${runs}\n`,
        );
      } finally {
        await closeConnection(connection);
        await store.close();
      }
    });
}
