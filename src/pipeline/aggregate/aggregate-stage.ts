import { type ShrinkOptions, shrinkAggregates } from '../../domain/aggregation/shrink-aggregates.js';
import type { Store } from '../../storage/store.js';
import { type RefreshSkipReason, refreshTriangulation } from '../../triangulation/refresh-triangulation.js';
import type { StageHandler } from '../stage.js';

/**
 * aggregate: recount every trust × theme × tumour group × period cell in the range, shrink each
 * positive share toward its national share, and replace the stored rows of the affected periods.
 * Periods that lost all their comments are replaced too, so no stale cell survives a deletion. Then
 * triangulation, whose comment signals read these cells: recomputed only when its inputs changed.
 */

export interface AggregateDeps {
  store: Store;
  clock: () => Date;
  shrink: ShrinkOptions;
}

export interface AggregateCountsSummary {
  cells: number;
  periods: number;
}

export interface AggregateSummary extends AggregateCountsSummary {
  /** `recomputed`, or why triangulation was left as it was (`inputs_unchanged`, `no_cpes_rows`). */
  triangulation: 'recomputed' | RefreshSkipReason;
}

export function createAggregateStage(deps: AggregateDeps): StageHandler<'aggregate'> {
  const { store, clock } = deps;
  return async (payload, helpers) => {
    const startedAt = clock().toISOString();
    const range: { periodFrom?: string; periodTo?: string } = {};
    if (payload.periodFrom) range.periodFrom = payload.periodFrom;
    if (payload.periodTo) range.periodTo = payload.periodTo;
    const counts = await store.countAggregates(range);
    const rows = shrinkAggregates(counts, clock().toISOString(), deps.shrink);
    const stale = await store.listAggregates(range);
    const periods = [...new Set([...rows, ...stale].map((row) => row.period))].sort();
    await store.replaceAggregates(rows, periods);
    const tally: AggregateCountsSummary = { cells: rows.length, periods: periods.length };
    await store.recordRun({
      id: `aggregate-${startedAt}`,
      kind: 'aggregate',
      startedAt,
      finishedAt: clock().toISOString(),
      status: 'ok',
      counts: { ...tally },
      message: payload.reason,
    });
    // Comment signals feed the suppressed-cell estimates: changed aggregates mean fresh triangulation.
    const outcome = await refreshTriangulation(store);
    const summary: AggregateSummary = {
      ...tally,
      triangulation: outcome.status === 'ok' ? 'recomputed' : outcome.reason,
    };
    helpers.log.info({ ...range, reason: payload.reason, ...summary }, 'aggregated');
    return summary;
  };
}
