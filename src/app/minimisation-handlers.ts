import { purgeExpiredCommentText } from '../pipeline/retention/purge-comment-text.js';
import type { StageHandler, StageHandlers } from '../pipeline/stage.js';
import type { Store } from '../storage/store.js';

/**
 * Data minimisation wired around the stage handlers: the retention purge rides on the aggregate
 * queue (a periodic store job in the same failure domain), and a process batch drops comments that
 * were forgotten while it waited in the queue (the collect stage drops them on later fetches).
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
      ? purgeExpiredCommentText({ ...deps, log: helpers.log })
      : handlers.aggregate(payload, helpers);

  const process: StageHandler<'process'> = async (payload, helpers) => {
    const ids = payload.comments.map(externalIdOf).filter((id): id is string => id !== undefined);
    const forgotten = ids.length > 0 ? await deps.store.forgottenIds(payload.source, ids) : new Set<string>();
    if (forgotten.size === 0) return handlers.process(payload, helpers);
    const comments = payload.comments.filter((c) => !forgotten.has(externalIdOf(c) ?? ''));
    helpers.log.info({ forgotten: payload.comments.length - comments.length }, 'dropped forgotten comments');
    if (comments.length === 0) return { forgotten: payload.comments.length };
    return handlers.process({ ...payload, comments }, helpers);
  };

  return { ...handlers, aggregate, process };
}

function externalIdOf(comment: unknown): string | undefined {
  const id = (comment as { externalId?: unknown } | null)?.externalId;
  return typeof id === 'string' ? id : undefined;
}
