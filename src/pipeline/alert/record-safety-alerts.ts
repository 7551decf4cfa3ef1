import { alertDeliveryJobId } from '../../alerts/alert.js';
import { safetyAlertsFor } from '../../alerts/safety-alerts.js';
import type { ProcessedComment } from '../../domain/model.js';
import type { Store } from '../../storage/store.js';
import type { StageHelpers } from '../stage.js';

/** Called by the process stage right after a batch is stored. */
export type AfterStoreHook = (rows: readonly ProcessedComment[], helpers: StageHelpers) => Promise<void>;

export interface SafetyAlertDeps {
  store: Store;
  clock: () => Date;
  /** Enqueue a delivery job for each new alert (a webhook is configured). */
  deliver: boolean;
}

/**
 * The outbox step of the process stage: safety alerts are written right after their comments,
 * keyed by (source, externalId, kind), so a retried or re-fetched batch adds none. Only alerts that
 * are new get a delivery job; an alert whose job is lost in between is found by the sweep.
 */
export function createSafetyAlertRecorder(deps: SafetyAlertDeps): AfterStoreHook {
  return async (rows, helpers) => {
    const alerts = safetyAlertsFor(rows, deps.clock().toISOString());
    if (alerts.length === 0) return;
    const inserted = await deps.store.recordAlerts(alerts);
    if (inserted.length === 0) return;
    if (deps.deliver) {
      await helpers.enqueue(
        'alert',
        inserted.map((alertId) => ({ id: alertDeliveryJobId(alertId, 0), payload: { action: 'deliver', alertId } })),
      );
    }
    helpers.log.info({ alerts: inserted.length, deliver: deps.deliver }, 'safety alerts raised');
  };
}
