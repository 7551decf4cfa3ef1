import type { Redis } from 'ioredis';
import { SECRET_KEYS } from '../config/config-schema.js';
import type { Config } from '../config/load-config.js';
import { createSourceConnector, SOURCE_IDS, type SourceId } from '../connectors/registry.js';
import type { RunRecord, Store } from '../storage/store.js';
import { collectJobHistory } from './collect-job-history.js';
import { DEFAULT_FAILING_AFTER, type SourceHealth, sourceHealth } from './source-health.js';

/** One source as `carevoice sources list` shows it; credentials only as set / not set. */
export interface SourceRow {
  id: SourceId;
  title: string;
  enabled: boolean;
  endpoint: string;
  /** Environment variable → whether it is set. Never the value. */
  credentials: Record<string, '(set)' | '(not set)'>;
  schedule: { cron: string; tz: string };
  limiter: { max: number; durationMs: number };
  maxPagesPerRun: number;
  lastRun: Pick<RunRecord, 'finishedAt' | 'status' | 'counts'> | null;
  /** From the source's collect queue; null when Redis could not be asked. */
  health: SourceHealth | null;
  /** Why a connector cannot be built from the current settings (e.g. rss without feeds). */
  problem?: string | undefined;
}

export interface SourceListingDeps {
  config: Pick<Config, 'sources'>;
  store: Pick<Store, 'lastRuns'>;
  /** Redis for the collect queues' failed jobs; without it, health is null. */
  queues?: { connection: Redis; prefix: string } | undefined;
  /** Failed collect jobs in a row that make a source "failing". @defaultValue 3 */
  failingAfter?: number;
}

/** Environment variables of a source's credentials, and whether each is set. */
export function sourceCredentials(id: string, sources: Config['sources']): SourceRow['credentials'] {
  const prefix = `sources.${id}.`;
  const settings = sources[id as SourceId] as Record<string, unknown>;
  const shown: SourceRow['credentials'] = {};
  for (const [path, variable] of Object.entries(SECRET_KEYS)) {
    if (path.startsWith(prefix)) shown[variable] = settings[path.slice(prefix.length)] ? '(set)' : '(not set)';
  }
  return shown;
}

/** Every configured source, enabled or not, with its last run and whether it keeps failing. */
export async function listSources(deps: SourceListingDeps): Promise<SourceRow[]> {
  const runs = await deps.store.lastRuns();
  return Promise.all(
    SOURCE_IDS.map(async (id): Promise<SourceRow> => {
      const settings = deps.config.sources[id];
      let title: string = id;
      let endpoint = '';
      let problem: string | undefined;
      try {
        const description = createSourceConnector(id, deps.config).describe();
        title = description.title;
        endpoint = description.endpoint;
      } catch (error) {
        problem = (error as Error).message;
      }
      const run = runs.find((r) => r.kind === 'collect' && r.source === id);
      const health = deps.queues
        ? sourceHealth(
            await collectJobHistory({ ...deps.queues, source: id }),
            deps.failingAfter ?? DEFAULT_FAILING_AFTER,
          )
        : null;
      return {
        id,
        title,
        enabled: settings.enabled,
        endpoint,
        credentials: sourceCredentials(id, deps.config.sources),
        schedule: { cron: settings.schedule.cron, tz: settings.schedule.tz },
        limiter: { max: settings.limiter.max, durationMs: settings.limiter.durationMs },
        maxPagesPerRun: settings.maxPagesPerRun,
        lastRun: run ? { finishedAt: run.finishedAt, status: run.status, counts: run.counts } : null,
        health,
        ...(problem ? { problem } : {}),
      };
    }),
  );
}

/** One line per source for `carevoice status`: enabled sources, and any other whose jobs failed. */
export function sourceStatusLines(rows: readonly SourceRow[]): string[] {
  return rows
    .filter((row) => row.enabled || (row.health?.failedJobs ?? 0) > 0)
    .map((row) => {
      const state = row.health === null ? 'queue unknown' : row.health.failing ? 'failing' : 'ok';
      const run = row.lastRun ? `last run ${row.lastRun.finishedAt} ${row.lastRun.status}` : 'no run yet';
      const failed = row.health === null ? '' : `, ${row.health.failedJobs} failed collect jobs`;
      const why = row.health?.failing && row.health.lastError ? `: ${row.health.lastError}` : '';
      return `${row.id.padEnd(12)} ${state.padEnd(13)} ${row.enabled ? '' : '(disabled) '}${run}${failed}${why}`;
    });
}
