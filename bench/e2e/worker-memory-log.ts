import { existsSync, readFileSync } from 'node:fs';

/**
 * Reads the samples `bench/support/sample-memory.mjs` wrote for a run's workers and keeps, for each
 * figure, the highest value seen in any of them: what the V8 heap held (`heapUsed`), what it had
 * reserved (`heapTotal`), memory outside the heap owned by JS objects (`external`, of which
 * `arrayBuffers`), and the resident set, so the difference between RSS and heap is visible.
 */

export interface WorkerMemoryPeaks {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  samples: number;
}

const FIGURES = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const;

export function readWorkerMemoryPeaks(file: string, pids: readonly number[]): WorkerMemoryPeaks {
  const peaks: WorkerMemoryPeaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0, samples: 0 };
  if (!existsSync(file)) return peaks;
  const wanted = new Set(pids);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const sample = JSON.parse(line) as Record<(typeof FIGURES)[number] | 'pid', number>;
    if (!wanted.has(sample.pid)) continue;
    peaks.samples++;
    for (const figure of FIGURES) peaks[figure] = Math.max(peaks[figure], sample[figure]);
  }
  return peaks;
}
