import { type ShrinkOptions, shrinkAggregates } from '../../domain/aggregation/shrink-aggregates.js';
import type { Store } from '../../storage/store.js';
import { refreshTriangulation } from '../../triangulation/refresh-triangulation.js';
import type { StageHandler } from '../stage.js';

/**
 * aggregate: recount every trust × theme × tumour group × period cell in the range, shrink each
 * positive share toward its national share, and replace the stored rows of the affected periods.
 * Periods that lost all their comments are replaced too, so no stale cell survives a deletion.
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
    const summary: AggregateCountsSummary = { cells: rows.length, periods: periods.length };
    await store.recordRun({
      id: `aggregate-${startedAt}`,
      kind: 'aggregate',
      startedAt,
      finishedAt: clock().toISOString(),
      status: 'ok',
      counts: { ...summary },
      message: payload.reason,
    });
    helpers.log.info({ ...range, reason: payload.reason, ...summary }, 'aggregated');
    // Comment signals feed the suppressed-cell estimates, so fresh aggregates mean fresh triangulation.
    await refreshTriangulation(store);
    return summary;
  };
}
