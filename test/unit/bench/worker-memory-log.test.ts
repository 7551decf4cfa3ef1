import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorkerMemoryPeaks } from '../../../bench/e2e/worker-memory-log.js';

describe('readWorkerMemoryPeaks', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const logWith = (samples: object[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-memlog-'));
    dirs.push(dir);
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, samples.map((s) => `${JSON.stringify(s)}\n`).join(''));
    return file;
  };
  const sample = (pid: number, rss: number, heapUsed: number) => ({
    pid,
    s: 1,
    rss,
    heapTotal: heapUsed + 20,
    heapUsed,
    external: 3,
    arrayBuffers: 1,
  });

  it('keeps the highest of each figure among the given workers, ignoring other processes', () => {
    const file = logWith([sample(1, 150, 60), sample(2, 210, 40), sample(1, 180, 90), sample(3, 999, 999)]);
    expect(readWorkerMemoryPeaks(file, [1, 2])).toEqual({
      rss: 210,
      heapTotal: 110,
      heapUsed: 90,
      external: 3,
      arrayBuffers: 1,
      samples: 3,
    });
  });

  it('reports zero samples when the workers wrote none', () => {
    expect(readWorkerMemoryPeaks(join(tmpdir(), 'cv-memlog-missing.jsonl'), [1]).samples).toBe(0);
  });
});
