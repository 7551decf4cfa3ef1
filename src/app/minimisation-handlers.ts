import { runRetention } from '../pipeline/retention/run-retention.js';
import type { StageHandler, StageHandlers } from '../pipeline/stage.js';
import type { Store } from '../storage/store.js';

/**
 * Data minimisation wired around the stage handlers: the retention purge rides on the aggregate
 * queue (a periodic store job in the same failure domain). Comments forgotten while their batch
 * waited in the queue are dropped by the store itself, inside the upsert transaction
 * (Store.upsertComments), where no forget can slip in between the check and the write.
 */

/** `reason` of the scheduled aggregate job that runs the retention purge instead of aggregating. */
export const RETENTION_PURGE_REASON = 'retention-purge';

export interface MinimisationDeps {
  store: Store;
  clock: () => Date;
  /** Days comment text is kept. */
  commentTextDays: number;
}

export function withDataMinimisation(handlers: StageHandlers, deps: MinimisationDeps): StageHandlers {
  const aggregate: StageHandler<'aggregate'> = (payload, helpers) =>
    payload.reason === RETENTION_PURGE_REASON
      ? runRetention({ ...deps, log: helpers.log })
      : handlers.aggregate(payload, helpers);

  return { ...handlers, aggregate };
}
