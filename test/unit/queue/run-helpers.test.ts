import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../../src/pipeline/process/period.js';
import { newRunId } from '../../../src/queue/run-once.js';
import { RunTally } from '../../../src/queue/run-tally.js';
import { resolveRuntimeOptions } from '../../../src/queue/runtime-options.js';

const job = (id: string, data: unknown, attemptsMade = 0) => ({ id, data, attemptsMade }) as unknown as Job;

describe('run helpers', () => {
  it('dates exports in Europe/London, across the clock changes', () => {
    expect(londonDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01'); // BST
    expect(londonDate(new Date('2025-01-31T23:30:00Z'))).toBe('2025-01-31'); // GMT
  });

  it('makes run ids that are valid in job ids', () => {
    const id = newRunId(new Date('2025-01-01T00:00:00Z'));
    expect(id).toMatch(/^[a-z0-9]+-[0-9a-f]{6}$/);
  });

  it('counts pages, items and processed comments once per job, and only final failures', () => {
    const tally = new RunTally(['alpha', 'beta']);
    const batch = { source: 'alpha', batchId: 'b', comments: [1, 2, 3] };
    tally.completed('collect-alpha', 'collect', job('c0', { source: 'alpha' }));
    tally.completed('process', 'process', job('p0', batch));
    tally.completed('process', 'process', job('p0', batch)); // a re-run after a lost lock
    tally.failed('process', 'process', job('p1', { ...batch, source: 'beta' }), new Error('retrying'), false);
    tally.failed('process', 'process', job('p1', { ...batch, source: 'beta' }, 1), new Error('gave up'), true);
    expect(Object.fromEntries(tally.sources)).toEqual({ alpha: { pages: 1, items: 3 }, beta: { pages: 0, items: 3 } });
    expect(tally.processed).toBe(3);
    expect(tally.failedJobs).toEqual([
      { queue: 'process', stage: 'process', jobId: 'p1', attempts: 2, reason: 'gave up' },
    ]);
    expect(tally.progress()).toEqual({ pages: 1, items: 6, processed: 3, failedJobs: 1 });
  });

  it('resolves runtime defaults and refuses nonsense', () => {
    const options = resolveRuntimeOptions({ concurrency: { process: 4 }, retention: { failed: { count: 10 } } });
    expect(options).toMatchObject({
      prefix: '{carevoice}',
      concurrency: { collect: 1, process: 4, aggregate: 1, export: 1 },
      attempts: 5,
      retention: { completed: { count: 1000, ageSeconds: 86_400 }, failed: { count: 10, ageSeconds: 604_800 } },
    });
    expect(() => resolveRuntimeOptions({ attempts: 0 })).toThrow(/attempts must be a positive number/);
    expect(() => resolveRuntimeOptions({ limiters: { alpha: { max: 1, duration: 0 } } })).toThrow(
      /limiters.alpha.duration/,
    );
  });

  it('waits for no replicas unless asked, and refuses a nonsense replica wait', () => {
    expect(resolveRuntimeOptions().replicaWait).toEqual({ replicas: 0, timeoutMs: 5000 });
    expect(resolveRuntimeOptions({ replicaWait: { replicas: 1 } }).replicaWait).toEqual({
      replicas: 1,
      timeoutMs: 5000,
    });
    expect(() => resolveRuntimeOptions({ replicaWait: { replicas: 1.5 } })).toThrow(/replicaWait.replicas/);
    expect(() => resolveRuntimeOptions({ replicaWait: { replicas: 1, timeoutMs: 0 } })).toThrow(
      /replicaWait.timeoutMs must be a positive number/,
    );
  });

  it('probes a store that may be down every second at first, then less often, and refuses nonsense settings', () => {
    expect(resolveRuntimeOptions().storeOutage).toEqual({
      probeTimeoutMs: 5000,
      firstRecheckMs: 1000,
      maxRecheckMs: 30_000,
      maxHandBacks: 50,
    });
    expect(resolveRuntimeOptions({ storeOutage: { firstRecheckMs: 200 } }).storeOutage.firstRecheckMs).toBe(200);
    expect(() => resolveRuntimeOptions({ storeOutage: { probeTimeoutMs: 0 } })).toThrow(
      /storeOutage.probeTimeoutMs must be a positive integer/,
    );
    expect(() => resolveRuntimeOptions({ storeOutage: { maxHandBacks: 1.5 } })).toThrow(
      /storeOutage.maxHandBacks must be a positive integer/,
    );
    expect(() => resolveRuntimeOptions({ storeOutage: { firstRecheckMs: 2000, maxRecheckMs: 1000 } })).toThrow(
      /storeOutage.maxRecheckMs \(1000\) must be at least firstRecheckMs \(2000\)/,
    );
  });
});
