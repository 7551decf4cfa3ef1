import { describe, expect, it } from 'vitest';
import { procCpuSeconds } from '../../../bench/e2e/process-cpu.js';

describe('procCpuSeconds', () => {
  it('reads this process CPU time, in step with what Node itself reports', () => {
    const started = Date.now();
    let spin = 0;
    while (Date.now() - started < 300) spin++;
    const fromProc = procCpuSeconds(process.pid)!;
    const usage = process.cpuUsage();
    const fromNode = (usage.user + usage.system) / 1e6;
    expect(spin).toBeGreaterThan(0);
    expect(fromProc).toBeGreaterThanOrEqual(0.3);
    // /proc counts in 10 ms ticks and is read a moment before cpuUsage.
    expect(Math.abs(fromProc - fromNode)).toBeLessThan(0.1);
  });

  it('is undefined for a process that does not exist', () => {
    expect(procCpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });
});
