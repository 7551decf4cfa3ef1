import { describe, expect, it } from 'vitest';
import { memoryByTimeSlice } from '../../../bench/e2e/memory-by-time.js';

describe('memoryByTimeSlice', () => {
  const sample = (pid: number, s: number, rss: number, heapUsed: number) => ({
    pid,
    s,
    rss,
    heapTotal: heapUsed + 40,
    heapUsed,
  });

  it('splits each worker by its own lifetime, keeps the RSS and heap-total highs and the heap-used low and high per slice, skips empty slices', () => {
    const samples = [
      sample(7, 1, 150, 60),
      sample(7, 4, 170, 90),
      sample(7, 6, 180, 55),
      sample(7, 10, 175, 70),
      sample(9, 2, 200, 80),
      sample(9, 3, 210, 50),
    ];
    expect(memoryByTimeSlice(samples, 2)).toEqual([
      {
        pid: 7,
        slice: 0,
        fromSeconds: 0,
        toSeconds: 5,
        samples: 2,
        rssMax: 170,
        heapTotalMax: 130,
        heapUsedMin: 60,
        heapUsedMax: 90,
      },
      {
        pid: 7,
        slice: 1,
        fromSeconds: 5,
        toSeconds: 10,
        samples: 2,
        rssMax: 180,
        heapTotalMax: 110,
        heapUsedMin: 55,
        heapUsedMax: 70,
      },
      {
        pid: 9,
        slice: 1,
        fromSeconds: 1.5,
        toSeconds: 3,
        samples: 2,
        rssMax: 210,
        heapTotalMax: 120,
        heapUsedMin: 50,
        heapUsedMax: 80,
      },
    ]);
  });

  it('puts the sample at exit into the last slice', () => {
    const slices = memoryByTimeSlice([sample(1, 0, 100, 40), sample(1, 10, 120, 45)], 10);
    expect(slices.map((s) => s.slice)).toEqual([0, 9]);
  });

  it('rejects a slice count that is not a positive integer', () => {
    expect(() => memoryByTimeSlice([sample(1, 1, 1, 1)], 0)).toThrow(/positive integer/);
  });
});
