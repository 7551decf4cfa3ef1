import { describe, expect, it } from 'vitest';
import { BackpressureGate, type BackpressureOptions } from '../../../src/queue/backpressure-gate.js';
import { resolveRuntimeOptions } from '../../../src/queue/runtime-options.js';

const options: BackpressureOptions = { enabled: true, highWaterJobs: 10, lowWaterJobs: 4, checkIntervalMs: 1000 };

/** A gate over a backlog the test sets, with a clock the test moves; counts the reads. */
function gateOver(initial: number, opts: BackpressureOptions = options) {
  const state = { backlog: initial, now: 0, reads: 0 };
  const gate = new BackpressureGate(
    async () => {
      state.reads++;
      return state.backlog;
    },
    opts,
    () => state.now,
  );
  return { gate, state };
}

describe('backpressure gate', () => {
  it('lets the job go ahead, saying why, when the backlog cannot be counted', async () => {
    const down = new Error('Connection is closed.');
    const gate = new BackpressureGate(() => Promise.reject(down), options);
    expect(await gate.decide()).toEqual({ holdMs: 0, backlogJobs: Number.NaN, changed: false, unreadable: down });
  });

  it('holds at the high-water mark and releases only at the low-water mark', async () => {
    const { gate, state } = gateOver(9);
    expect(await gate.decide()).toEqual({ holdMs: 0, backlogJobs: 9, changed: false });
    state.backlog = 10;
    state.now += 1000;
    expect(await gate.decide()).toEqual({ holdMs: 1000, backlogJobs: 10, changed: true });
    // Between the marks the gate keeps its state: held stays held.
    state.backlog = 5;
    state.now += 1000;
    expect(await gate.decide()).toEqual({ holdMs: 1000, backlogJobs: 5, changed: false });
    state.backlog = 4;
    state.now += 1000;
    expect(await gate.decide()).toEqual({ holdMs: 0, backlogJobs: 4, changed: true });
    // And open stays open until the high-water mark again.
    state.backlog = 9;
    state.now += 1000;
    expect((await gate.decide()).holdMs).toBe(0);
  });

  it('reads the backlog at most once per interval, adding its own enqueues in between', async () => {
    const { gate, state } = gateOver(6);
    await gate.decide();
    gate.noteEnqueued(3);
    state.now += 999;
    // Redis still says 6, but this process added 3: 9 is below the mark.
    expect(await gate.decide()).toMatchObject({ holdMs: 0, backlogJobs: 9 });
    gate.noteEnqueued(3);
    expect(await gate.decide()).toMatchObject({ holdMs: 1000, backlogJobs: 12 });
    expect(state.reads).toBe(1);
    state.now += 1;
    expect(await gate.decide()).toMatchObject({ backlogJobs: 6 });
    expect(state.reads).toBe(2);
  });

  it('shares one read between collect jobs that ask at once', async () => {
    const { gate, state } = gateOver(2);
    const decisions = await Promise.all([gate.decide(), gate.decide(), gate.decide()]);
    expect(decisions.map((d) => d.backlogJobs)).toEqual([2, 2, 2]);
    expect(state.reads).toBe(1);
  });

  it('never holds and never reads when disabled', async () => {
    const { gate, state } = gateOver(1_000_000, { ...options, enabled: false });
    expect((await gate.decide()).holdMs).toBe(0);
    expect(state.reads).toBe(0);
  });

  it('refuses a low-water mark that is not below the high-water mark', () => {
    expect(() => gateOver(0, { ...options, lowWaterJobs: 10 })).toThrow(
      /lowWaterJobs must be .* below highWaterJobs \(10\), got 10/,
    );
    expect(() => gateOver(0, { ...options, highWaterJobs: 0, lowWaterJobs: 0 })).toThrow(
      /highWaterJobs must be a positive integer/,
    );
  });
});

describe('backpressure options', () => {
  it('defaults the low-water mark to half of the high-water mark', () => {
    expect(resolveRuntimeOptions().backpressure).toEqual({
      enabled: true,
      highWaterJobs: 500,
      lowWaterJobs: 250,
      checkIntervalMs: 1000,
    });
    expect(resolveRuntimeOptions({ backpressure: { highWaterJobs: 101 } }).backpressure.lowWaterJobs).toBe(50);
    expect(() => resolveRuntimeOptions({ backpressure: { highWaterJobs: 10, lowWaterJobs: 20 } })).toThrow(
      /lowWaterJobs/,
    );
  });
});
