/**
 * A store outage seen from one worker process. When a job attempt fails and the store does not
 * answer a probe right then, the failure is the outage's, not the job's: the job is handed back with
 * its attempts unspent (stage-processor.ts), and every worker of this process stops taking jobs until
 * the store answers again. Without this, each job a worker took during an outage failed at once and
 * spent an attempt, so an outage longer than the attempts' backoff (about 4.5 hours at the defaults)
 * moved batches to the failed set, and a worker cut off from the store alone kept taking jobs the
 * others could have run.
 *
 * A failure the store answers right after (a constraint, a lock timeout, a bug) is an ordinary
 * failure and spends its attempt as before, so a job that always fails still ends in the failed set;
 * so does a job handed back `maxHandBacks` times, should it be what takes the store down.
 */
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { answerWithin } from '../observability/answer-within.js';

export interface StoreOutageOptions {
  /** A probe that has not answered by then counts as the store being down. */
  probeTimeoutMs: number;
  /** First wait before probing a down store again; doubles up to `maxRecheckMs`. */
  firstRecheckMs: number;
  maxRecheckMs: number;
  /** Hand-backs after which a job's failures on a down store spend its attempts again. */
  maxHandBacks: number;
}

export const DEFAULT_STORE_OUTAGE: StoreOutageOptions = {
  probeTimeoutMs: 5000,
  firstRecheckMs: 1000,
  maxRecheckMs: 30_000,
  maxHandBacks: 50,
};

/** What the hold needs of the store: Store.ping, which resolves when it answered within the time. */
export interface ProbedStore {
  ping(options: { answerWithinMs: number }): Promise<void>;
}

export function assertStoreOutageOptions(options: StoreOutageOptions): void {
  const { probeTimeoutMs, firstRecheckMs, maxRecheckMs, maxHandBacks } = options;
  for (const [name, value] of Object.entries({ probeTimeoutMs, firstRecheckMs, maxRecheckMs, maxHandBacks })) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`storeOutage.${name} must be a positive integer, got ${value}`);
    }
  }
  if (maxRecheckMs < firstRecheckMs) {
    throw new RangeError(
      `storeOutage.maxRecheckMs (${maxRecheckMs}) must be at least firstRecheckMs (${firstRecheckMs})`,
    );
  }
}

export class StoreOutageHold {
  readonly #store: ProbedStore;
  readonly #options: StoreOutageOptions;
  readonly #logger: Logger;
  readonly #workers: Worker[] = [];
  #holding = false;
  #closed = false;
  /** Probes answered so far: a probe that failed while a later one answered says nothing. */
  #answers = 0;
  #recheck: NodeJS.Timeout | undefined;

  constructor(store: ProbedStore, options: StoreOutageOptions, logger: Logger) {
    this.#store = store;
    this.#options = options;
    this.#logger = logger;
  }

  /** The workers held during an outage: every worker of the process, since they share one store. */
  attach(worker: Worker): void {
    this.#workers.push(worker);
  }

  /** How long a handed-back job waits before it can be taken again, by any worker. */
  get handBackDelayMs(): number {
    return this.#options.firstRecheckMs;
  }

  get maxHandBacks(): number {
    return this.#options.maxHandBacks;
  }

  /**
   * Called after a job attempt failed: true when the store is down (already known, or it does not
   * answer a probe now), and then this process's workers are held until it answers. Once closed it
   * still answers, but holds nothing.
   */
  async holdIfStoreDown(): Promise<boolean> {
    if (this.#holding) return true;
    const answersBefore = this.#answers;
    const failure = await this.#probeFailure();
    if (failure === undefined) return false;
    // Another probe answered meanwhile (a hold just ended): the job failed while the store was
    // down, but it is up now, so there is nothing to hold for.
    if (!this.#holding && !this.#closed && this.#answers === answersBefore) this.#hold(failure);
    return true;
  }

  /** Stops probing; the workers are left as they are, for their own close. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#recheck);
  }

  #hold(failure: Error): void {
    this.#holding = true;
    this.#logger.warn(
      { err: failure, code: 'store_unreachable', workers: this.#workers.length },
      'store does not answer; workers hold until it does, and hand their jobs back unspent',
    );
    // Not waiting for the active jobs: they are failing on the same store, and hand themselves back.
    for (const worker of this.#workers) void worker.pause(true);
    const since = Date.now();
    const recheck = (delayMs: number) => {
      this.#recheck = setTimeout(async () => {
        if (this.#closed) return;
        if ((await this.#probeFailure()) !== undefined) {
          if (!this.#closed) recheck(Math.min(delayMs * 2, this.#options.maxRecheckMs));
          return;
        }
        if (this.#closed) return;
        this.#holding = false;
        this.#logger.info({ code: 'store_answers', heldMs: Date.now() - since }, 'store answers again; workers resume');
        for (const worker of this.#workers) void worker.resume();
      }, delayMs);
    };
    recheck(this.#options.firstRecheckMs);
  }

  /** The probe's failure, or undefined when the store answered in time. */
  async #probeFailure(): Promise<Error | undefined> {
    const { probeTimeoutMs } = this.#options;
    try {
      // The probe bounds its own wait where it can (a PostgreSQL connection gone silent is dropped);
      // the bound here is for a probe that cannot.
      const answer = this.#store.ping({ answerWithinMs: probeTimeoutMs });
      await answerWithin(answer, probeTimeoutMs, 'store did not answer a probe');
      this.#answers += 1;
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
