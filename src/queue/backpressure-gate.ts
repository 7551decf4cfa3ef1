/**
 * Backpressure between collect and process. Every source's collect queue feeds the one process
 * queue, so when that queue's backlog reaches the high-water mark every collect worker of the
 * process holds off together, until the backlog falls to the low-water mark (hysteresis, so the
 * gate does not flap at one threshold). The backlog is read at most once per `checkIntervalMs`;
 * between reads the gate adds the process jobs this process enqueued itself, so a stale count never
 * lets collect run far past the mark.
 */

export interface BackpressureOptions {
  /** Off: collect never waits for process. */
  enabled: boolean;
  /** Process jobs waiting or delayed at which collect holds off. */
  highWaterJobs: number;
  /** Collect resumes once the backlog is at or below this (half the high-water mark unless set). */
  lowWaterJobs: number;
  /** How long a held collect queue waits before looking again; also how long a count is reused. */
  checkIntervalMs: number;
}

export const DEFAULT_BACKPRESSURE: BackpressureOptions = {
  enabled: true,
  highWaterJobs: 500,
  lowWaterJobs: 250,
  checkIntervalMs: 1000,
};

export interface GateDecision {
  /** 0: go ahead; otherwise hold the collect queue for this many ms. */
  holdMs: number;
  /** Backlog the decision was made on (cached count plus own enqueues since). */
  backlogJobs: number;
  /** True when this decision switched the gate between holding and open. */
  changed: boolean;
  /** Why the backlog could not be counted; the job then goes ahead (see `decide`). */
  unreadable?: Error;
}

export class BackpressureGate {
  private counted: { jobs: number; at: number } | undefined;
  private reading: Promise<number> | undefined;
  private holding = false;

  constructor(
    private readonly readBacklog: () => Promise<number>,
    private readonly options: BackpressureOptions,
    private readonly now: () => number = Date.now,
  ) {
    assertBackpressureOptions(options);
  }

  /** Whether a collect job may run now; at most one backlog read per interval however many ask. */
  async decide(): Promise<GateDecision> {
    if (!this.options.enabled) return { holdMs: 0, backlogJobs: 0, changed: false };
    let backlogJobs: number;
    try {
      backlogJobs = await this.backlog();
    } catch (error) {
      // The gate guards Redis memory, not correctness: a job that cannot count the backlog runs
      // (and meets the same Redis trouble in its own handler, where failures are reported and retried).
      return { holdMs: 0, backlogJobs: Number.NaN, changed: false, unreadable: error as Error };
    }
    const wasHolding = this.holding;
    if (this.holding) this.holding = backlogJobs > this.options.lowWaterJobs;
    else this.holding = backlogJobs >= this.options.highWaterJobs;
    return {
      holdMs: this.holding ? this.options.checkIntervalMs : 0,
      backlogJobs,
      changed: wasHolding !== this.holding,
    };
  }

  /** Counts process jobs this process just enqueued into the cached backlog. */
  noteEnqueued(jobs: number): void {
    if (this.counted) this.counted.jobs += jobs;
  }

  private async backlog(): Promise<number> {
    const fresh = this.counted && this.now() - this.counted.at < this.options.checkIntervalMs;
    if (fresh) return this.counted!.jobs;
    // Concurrent collect jobs share one read rather than each asking Redis.
    this.reading ??= this.readBacklog()
      .then((jobs) => {
        this.counted = { jobs, at: this.now() };
        return jobs;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}

export function assertBackpressureOptions(options: BackpressureOptions): void {
  const { highWaterJobs, lowWaterJobs, checkIntervalMs } = options;
  if (!Number.isInteger(highWaterJobs) || highWaterJobs < 1)
    throw new RangeError(`backpressure.highWaterJobs must be a positive integer, got ${highWaterJobs}`);
  if (!Number.isInteger(lowWaterJobs) || lowWaterJobs < 0 || lowWaterJobs >= highWaterJobs)
    throw new RangeError(
      `backpressure.lowWaterJobs must be an integer from 0 to below highWaterJobs (${highWaterJobs}), got ${lowWaterJobs}`,
    );
  if (!Number.isFinite(checkIntervalMs) || checkIntervalMs <= 0)
    throw new RangeError(`backpressure.checkIntervalMs must be a positive number, got ${checkIntervalMs}`);
}
