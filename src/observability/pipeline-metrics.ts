import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * CareVoice's Prometheus metrics. Each process builds its own `Registry` (never prom-client's global
 * one), so tests and several servers in one process never see each other's series.
 */

export interface PipelineMetrics {
  readonly registry: Registry;
  /** Comments a collect job accepted and enqueued for processing, per source. */
  readonly commentsCollected: Counter<'source'>;
  /** Comments a process job stored (inserted, updated or unchanged), per source. */
  readonly commentsProcessed: Counter<'source'>;
  /** Records set aside as malformed, per source and the stage that did it. */
  readonly commentsQuarantined: Counter<'source' | 'stage'>;
  /** Wall time of each job attempt, per stage and outcome (`completed`, `failed`, `rate_limited`). */
  readonly jobDuration: Histogram<'stage' | 'outcome'>;
  /** Export runs by outcome (`success`, `failure`); one scheduled run may write several dates. */
  readonly exportRuns: Counter<'outcome'>;
  /** 1 when the last scrape could read the dependency (`redis`, `store`, `exports`), else 0. */
  readonly scrapeUp: Gauge<'dependency'>;
  /** Adds a dependency to `scrapeUp`: its probe is awaited on every scrape (share reads with `oncePerScrape`). */
  addDependencyProbe(dependency: string, probe: () => Promise<unknown>): void;
}

export interface PipelineMetricsOptions {
  /** Registry to fill. @defaultValue a new one */
  registry?: Registry;
  /** Also expose Node process metrics (CPU, memory, event loop lag). @defaultValue true */
  processMetrics?: boolean;
}

/** Job durations run from milliseconds (a small process batch) to minutes (a large export). */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

export function createPipelineMetrics(options: PipelineMetricsOptions = {}): PipelineMetrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'carevoice_' });
  const registers = [registry];
  const probes = new Map<string, () => Promise<unknown>>();
  return {
    registry,
    commentsCollected: new Counter({
      name: 'carevoice_comments_collected_total',
      help: 'Comments accepted by collect jobs and enqueued for processing, per source',
      labelNames: ['source'],
      registers,
    }),
    commentsProcessed: new Counter({
      name: 'carevoice_comments_processed_total',
      help: 'Comments stored by process jobs (inserted, updated or unchanged), per source',
      labelNames: ['source'],
      registers,
    }),
    commentsQuarantined: new Counter({
      name: 'carevoice_comments_quarantined_total',
      help: 'Records quarantined as malformed, per source and stage',
      labelNames: ['source', 'stage'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'carevoice_job_duration_seconds',
      help: 'Wall time of each job attempt, per stage and outcome',
      labelNames: ['stage', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    exportRuns: new Counter({
      name: 'carevoice_export_runs_total',
      help: 'Export runs by outcome (success, failure)',
      labelNames: ['outcome'],
      registers,
    }),
    scrapeUp: new Gauge({
      name: 'carevoice_scrape_dependency_up',
      help: '1 when the last scrape could read the dependency (redis, store, exports), else 0',
      labelNames: ['dependency'],
      registers,
      async collect() {
        const results = await Promise.all(
          [...probes].map(
            async ([dependency, probe]) =>
              [
                dependency,
                await probe().then(
                  () => 1,
                  () => 0,
                ),
              ] as const,
          ),
        );
        this.reset();
        for (const [dependency, up] of results) this.set({ dependency }, up);
      },
    }),
    addDependencyProbe(dependency, probe) {
      probes.set(dependency, probe);
    },
  };
}
