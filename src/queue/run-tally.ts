import type { Job } from 'bullmq';
import type { StageName } from '../pipeline/stage.js';

/**
 * Counts what one run did, from worker events in this process: pages per source (completed
 * collect jobs), items per source and processed comments (from process batches), and every job
 * that failed for good. A job is counted once however often it is retried.
 */

export interface FailedJobReport {
  queue: string;
  stage: StageName;
  jobId: string;
  /** Attempts made, the failing one included. */
  attempts: number;
  reason: string;
}

export interface SourceTally {
  /** Collect jobs completed (one per page fetched). */
  pages: number;
  /** Comments from this source that reached processing (in completed or finally failed batches). */
  items: number;
}

export interface RunProgress {
  pages: number;
  items: number;
  processed: number;
  failedJobs: number;
}

export type JobOutcome = 'completed' | 'failed';

export class RunTally {
  readonly sources = new Map<string, SourceTally>();
  readonly failedJobs: FailedJobReport[] = [];
  processed = 0;
  private readonly outcomes = new Map<string, JobOutcome>();

  constructor(sources: readonly string[]) {
    for (const source of sources) this.sources.set(source, { pages: 0, items: 0 });
  }

  completed(queue: string, stage: StageName, job: Job): void {
    if (!this.firstOutcome(queue, job, 'completed')) return;
    const data = job.data as { source?: unknown; comments?: unknown };
    const source = typeof data.source === 'string' ? this.source(data.source) : undefined;
    if (stage === 'collect' && source) source.pages += 1;
    if (stage === 'process' && Array.isArray(data.comments)) {
      this.processed += data.comments.length;
      if (source) source.items += data.comments.length;
    }
  }

  /** `final`: the job will not be retried (unrecoverable or out of attempts). */
  failed(queue: string, stage: StageName, job: Job, error: Error, final: boolean): void {
    if (!final || !this.firstOutcome(queue, job, 'failed')) return;
    this.failedJobs.push({
      queue,
      stage,
      jobId: job.id ?? '(no id)',
      // Reported while the failing attempt runs, before BullMQ counts it.
      attempts: job.attemptsMade + 1,
      reason: error.message,
    });
    const data = job.data as { source?: unknown; comments?: unknown };
    if (stage === 'process' && typeof data.source === 'string' && Array.isArray(data.comments)) {
      this.source(data.source).items += data.comments.length;
    }
  }

  outcome(queue: string, jobId: string): JobOutcome | undefined {
    return this.outcomes.get(`${queue}\u0000${jobId}`);
  }

  progress(): RunProgress {
    let pages = 0;
    let items = 0;
    for (const tally of this.sources.values()) {
      pages += tally.pages;
      items += tally.items;
    }
    return { pages, items, processed: this.processed, failedJobs: this.failedJobs.length };
  }

  private firstOutcome(queue: string, job: Job, outcome: JobOutcome): boolean {
    const key = `${queue}\u0000${job.id}`;
    if (this.outcomes.has(key)) return false;
    this.outcomes.set(key, outcome);
    return true;
  }

  private source(id: string): SourceTally {
    let tally = this.sources.get(id);
    if (!tally) {
      tally = { pages: 0, items: 0 };
      this.sources.set(id, tally);
    }
    return tally;
  }
}
