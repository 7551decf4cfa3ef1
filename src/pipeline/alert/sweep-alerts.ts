import { alertDeliveryJobId } from '../../alerts/alert.js';
import type { Store } from '../../storage/store.js';
import type { StageHelpers } from '../stage.js';

export interface SweepDeps {
  store: Store;
  clock: () => Date;
  /** Only sweep when alerts can be sent. */
  deliver: boolean;
  staleAfterMs: number;
  limit: number;
}

export interface SweepResult {
  requeued: number;
  skipped?: 'no_webhook';
}

/**
 * Re-enqueues pending alerts untouched for `staleAfterMs`: their job was lost with Redis, or ran
 * out of retries. Job ids are keyed by attempts made, so a job still waiting is not doubled.
 */
export async function sweepAlerts(deps: SweepDeps, helpers: StageHelpers): Promise<SweepResult> {
  if (!deps.deliver) return { requeued: 0, skipped: 'no_webhook' };
  const staleBefore = new Date(deps.clock().getTime() - deps.staleAfterMs).toISOString();
  const stale = await deps.store.listStaleAlerts(staleBefore, deps.limit);
  if (stale.length > 0) {
    await helpers.enqueue(
      'alert',
      stale.map((alert) => ({
        id: alertDeliveryJobId(alert.id, alert.delivery.attempts),
        payload: { action: 'deliver', alertId: alert.id },
      })),
    );
    helpers.log.info({ requeued: stale.length }, 'undelivered alerts re-enqueued');
  }
  return { requeued: stale.length };
}
