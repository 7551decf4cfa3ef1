/**
 * Splits each worker's memory samples (as `bench/support/sample-memory.mjs` writes them) into equal
 * slices of its lifetime and keeps, per slice, the highest resident set, the highest heap V8 had
 * reserved, and the lowest and highest heap in use. A peak alone cannot tell a heap that keeps growing from one that reached its
 * ceiling early; the slices can: a leak raises the low points of the heap slice after slice, while
 * garbage awaiting collection only raises the highs.
 */

export interface MemorySample {
  pid: number;
  /** Seconds since the worker started. */
  s: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
}

export interface MemorySlice {
  pid: number;
  /** 0-based slice number, in time order. */
  slice: number;
  fromSeconds: number;
  toSeconds: number;
  samples: number;
  rssMax: number;
  heapTotalMax: number;
  heapUsedMin: number;
  heapUsedMax: number;
}

export function memoryByTimeSlice(samples: readonly MemorySample[], parts: number): MemorySlice[] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`parts must be a positive integer, not ${parts}`);
  const byPid = new Map<number, MemorySample[]>();
  for (const sample of samples) {
    const list = byPid.get(sample.pid) ?? [];
    list.push(sample);
    byPid.set(sample.pid, list);
  }
  const slices: MemorySlice[] = [];
  for (const [pid, list] of [...byPid].sort(([a], [b]) => a - b)) {
    const lifetime = Math.max(...list.map((s) => s.s));
    const width = lifetime / parts;
    const own: MemorySlice[] = Array.from({ length: parts }, (_, slice) => ({
      pid,
      slice,
      fromSeconds: slice * width,
      toSeconds: (slice + 1) * width,
      samples: 0,
      rssMax: 0,
      heapTotalMax: 0,
      heapUsedMin: Number.POSITIVE_INFINITY,
      heapUsedMax: 0,
    }));
    for (const sample of list) {
      // The last sample (at exit) closes the last slice rather than opening one of its own.
      const index = width === 0 ? 0 : Math.min(parts - 1, Math.floor(sample.s / width));
      const slice = own[index]!;
      slice.samples++;
      slice.rssMax = Math.max(slice.rssMax, sample.rss);
      slice.heapTotalMax = Math.max(slice.heapTotalMax, sample.heapTotal);
      slice.heapUsedMin = Math.min(slice.heapUsedMin, sample.heapUsed);
      slice.heapUsedMax = Math.max(slice.heapUsedMax, sample.heapUsed);
    }
    slices.push(...own.filter((slice) => slice.samples > 0));
  }
  return slices;
}
