import type { Logger } from 'pino';
import type { Store } from '../../storage/store.js';

/**
 * The nightly retention job. Data minimisation: comment text is kept for `commentTextDays`, then
 * emptied. What the text yielded (sentiment, themes, tumour groups, trust, aggregates) and the
 * provenance hashes stay, so figures and de-duplication are unchanged after a purge. The same job
 * compacts what the near-duplicate lookup keeps for comments since deleted or rewritten.
 */

export interface RetentionDeps {
  store: Store;
  clock: () => Date;
  /** Days comment text is kept, counted from its posted date (else its fetch date). */
  commentTextDays: number;
  log: Logger;
}

export interface RetentionResult {
  /** Comments whose text was emptied by this run. */
  purged: number;
  /** What the near-duplicate lookup kept for comments since deleted or rewritten, dropped by this run. */
  duplicateLookupDropped: number;
  /** Text of comments dated before this instant is purged. */
  cutoff: string;
}

const DAY_MS = 86_400_000;

/** The instant `days` whole days before `now`: older text is purged. */
export function retentionCutoff(now: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`commentTextDays must be a positive integer, got ${days}`);
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/**
 * Purges expired comment text, compacts the near-duplicate lookup (nightly store upkeep that rides
 * on the same job), logs the counts and records a `retention` run.
 */
export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const startedAt = deps.clock();
  const cutoff = retentionCutoff(startedAt, deps.commentTextDays);
  const purged = await deps.store.purgeCommentText(cutoff, startedAt.toISOString());
  const duplicateLookupDropped = await deps.store.compactDuplicateLookup();
  const finishedAt = deps.clock().toISOString();
  await deps.store.recordRun({
    id: `retention-${startedAt.toISOString()}`,
    kind: 'retention',
    startedAt: startedAt.toISOString(),
    finishedAt,
    status: 'ok',
    counts: { purged, duplicateLookupDropped },
  });
  deps.log.info(
    { purged, cutoff, commentTextDays: deps.commentTextDays, duplicateLookupDropped },
    'purged expired comment text',
  );
  return { purged, duplicateLookupDropped, cutoff };
}
