import { type Command, InvalidArgumentError } from 'commander';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { dryRunSource, type SourceDryRun } from '../../app/source-dry-run.js';
import { listSources, type SourceRow } from '../../app/source-listing.js';
import { SECRET_KEYS } from '../../config/config-schema.js';
import { createSourceConnector, isSourceId, SOURCE_IDS, type SourceId } from '../../connectors/registry.js';
import { redact } from '../../domain/redaction/redact.js';
import { redactUrl } from '../../queue/connections.js';
import { closeConnection, createProducerConnection } from '../../queue/index.js';
import { loadCliContext } from '../load-cli-config.js';
import { observedRedisUrlFor } from '../observed-redis.js';
import { waitUntilReady } from '../redis-ready.js';

/** How long `sources list` waits for Redis before listing without queue health. */
const REDIS_WAIT_MS = 2_000;

function sourceId(value: string): SourceId {
  if (!isSourceId(value))
    throw new InvalidArgumentError(`unknown source "${value}"; sources are ${SOURCE_IDS.join(', ')}`);
  return value;
}

/** `carevoice sources list` and `carevoice sources test <id>`. */
export function registerSourcesCommand(program: Command): void {
  const sources = program.command('sources').description('The configured sources: list them, or try one');

  sources
    .command('list')
    .description('Every source: enabled, endpoint, credentials (set or not), schedule, limiter, last run, failing')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      const { config, logger } = loadCliContext('sources');
      const store = await openConfiguredStore(config, logger);
      const redisUrl = await observedRedisUrlFor(config);
      const connection = createProducerConnection({ url: redisUrl, name: `${config.redis.prefix}:sources` });
      connection.on('error', () => {});
      try {
        const ready = await waitUntilReady(connection, REDIS_WAIT_MS);
        // Without Redis the configuration and last runs are still worth showing.
        if (!ready) logger.warn(`no answer from ${redactUrl(redisUrl)}; failed collect jobs are unknown`);
        const rows = await listSources({
          config,
          store,
          queues: ready ? { connection, prefix: config.redis.prefix } : undefined,
        });
        process.stdout.write(
          options.json ? `${JSON.stringify(rows)}\n` : `${rows.map(formatSourceRow).join('\n\n')}\n`,
        );
      } finally {
        await closeConnection(connection);
        await store.close();
      }
    });

  sources
    .command('test')
    .description('Fetch one page from a source as its first run would; nothing is stored or enqueued')
    .argument('<source>', `one of ${SOURCE_IDS.join(', ')}`, sourceId)
    .option('--json', 'print JSON')
    .action(async (id: SourceId, options: { json?: boolean }) => {
      const { config } = loadCliContext('sources');
      let report: SourceDryRun;
      try {
        report = await dryRunSource(createSourceConnector(id, config), { redact });
      } catch (error) {
        throw new Error(`dry run failed: ${(error as Error).message}${credentialHint(id)}`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatDryRun(report));
    });
}

function credentialHint(id: string): string {
  const variables = Object.entries(SECRET_KEYS)
    .filter(([path]) => path.startsWith(`sources.${id}.`))
    .map(([, variable]) => `${variable} (${process.env[variable] ? 'set' : 'not set'})`);
  return variables.length > 0 ? `\n  credentials come from the environment: ${variables.join(', ')}` : '';
}

export function formatSourceRow(row: SourceRow): string {
  const credentials = Object.entries(row.credentials).map(([variable, shown]) => `${variable} ${shown}`);
  const seconds = row.limiter.durationMs / 1000;
  const health = row.health;
  const jobs =
    health === null
      ? 'unknown (Redis did not answer)'
      : `${health.failedJobs} failed${health.consecutiveFailures > 0 ? `, the last ${health.consecutiveFailures} in a row` : ''}`;
  const lines = [
    // A source whose connector cannot be built (its problem is listed) has only its id for a title.
    `${row.id}${row.title === row.id ? '' : ` — ${row.title}`}  [${row.enabled ? 'enabled' : 'disabled'}]${health?.failing ? '  FAILING' : ''}`,
    `  endpoint      ${row.endpoint || '(none)'}`,
    `  credentials   ${credentials.length > 0 ? credentials.join(', ') : 'none needed'}`,
    `  schedule      ${row.schedule.cron} (${row.schedule.tz}), up to ${row.maxPagesPerRun} pages a run`,
    `  limiter       ${row.limiter.max} page${row.limiter.max === 1 ? '' : 's'} per ${seconds} s`,
    `  last run      ${row.lastRun ? `${row.lastRun.finishedAt} ${row.lastRun.status} ${counts(row.lastRun.counts)}` : 'none yet'}`,
    `  collect jobs  ${jobs}`,
  ];
  if (health?.failing && health.lastError) lines.push(`  last error    ${health.lastError}`);
  if (row.problem) lines.push(`  problem       ${row.problem}`);
  return lines.join('\n');
}

function counts(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

export function formatDryRun(report: SourceDryRun): string {
  const lines = [
    `${report.source}: ${report.url}`,
    `  fetched ${report.fetchedAt}: ${report.accepted} would be collected, ${report.rejected} quarantined, ${report.deleted} deleted`,
    `  next cursor: ${report.nextCursor ?? '(none: this was the last page)'}`,
  ];
  for (const item of report.sample) {
    lines.push(
      `  - ${item.externalId}${item.postedAt ? ` (${item.postedAt})` : ''}: ${item.text.replace(/\s+/g, ' ')}`,
    );
  }
  for (const rejection of report.rejections) {
    lines.push(`  ! ${rejection.code}${rejection.externalId ? ` ${rejection.externalId}` : ''}: ${rejection.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
