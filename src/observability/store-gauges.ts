import { Gauge } from 'prom-client';
import { readLatestExport } from '../export/latest-export.js';
import type { Store } from '../storage/store.js';
import type { PipelineMetrics } from './pipeline-metrics.js';
import { oncePerScrape } from './scrape-once.js';

/**
 * Gauges read from the store and the export folder at scrape time. Unlike the job counters, which
 * only see this process's workers, these are the same whichever process serves /metrics.
 */

export interface StoreGaugeOptions {
  store: Store;
  /** Sources to count comments and quarantined records for. */
  sources: readonly string[];
  /** Folder holding `latest.json`. */
  exportDir: string;
  /** Wall clock for the export's age. @defaultValue Date.now */
  now?: () => number;
}

export function registerStoreGauges(metrics: PipelineMetrics, options: StoreGaugeOptions): void {
  const { store, sources } = options;
  const now = options.now ?? Date.now;
  const readCounts = oncePerScrape(() =>
    Promise.all(
      sources.map(async (source) => ({
        source,
        comments: await store.countComments({ source, includeDuplicates: true }),
        quarantined: await store.countQuarantine(source),
      })),
    ),
  );
  const readLatest = oncePerScrape(() => readLatestExport(options.exportDir));
  metrics.addDependencyProbe('store', readCounts);
  metrics.addDependencyProbe('exports', readLatest);
  const registers = [metrics.registry];
  // A failed read leaves a gauge empty; carevoice_scrape_dependency_up says which dependency failed.
  new Gauge({
    name: 'carevoice_comments_stored',
    help: 'Comments in the store per source (duplicates included)',
    labelNames: ['source'],
    registers,
    async collect() {
      const counts = await readCounts().catch(() => []);
      this.reset();
      for (const { source, comments } of counts) this.set({ source }, comments);
    },
  });
  new Gauge({
    name: 'carevoice_quarantined_records',
    help: 'Quarantined records in the store per source',
    labelNames: ['source'],
    registers,
    async collect() {
      const counts = await readCounts().catch(() => []);
      this.reset();
      for (const { source, quarantined } of counts) this.set({ source }, quarantined);
    },
  });
  new Gauge({
    name: 'carevoice_latest_export_age_seconds',
    help: 'Seconds since the export latest.json points at was generated, labelled with its date (absent before the first export)',
    // The label also keeps the series absent before any export: an unlabelled gauge would read 0, "fresh".
    labelNames: ['date'],
    registers,
    async collect() {
      const latest = await readLatest().catch(() => null);
      this.reset();
      if (latest) this.set({ date: latest.date }, Math.max(0, (now() - Date.parse(latest.generatedAt)) / 1000));
    },
  });
}
