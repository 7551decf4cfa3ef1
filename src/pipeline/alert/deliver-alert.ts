import { AlertDeliveryError } from '../../alerts/errors/alert-delivery-error.js';
import { postWebhook, type WebhookTarget } from '../../alerts/post-webhook.js';
import type { Store } from '../../storage/store.js';
import { type StageHelpers, UnrecoverableStageError } from '../stage.js';

export interface DeliverDeps {
  store: Store;
  clock: () => Date;
  /** Absent: nothing is sent and the alert stays pending. */
  webhook: WebhookTarget | undefined;
  leaseMs: number;
}

export type DeliveryResult =
  | { alertId: string; outcome: 'delivered'; attempts: number }
  | { alertId: string; outcome: 'no_webhook' | 'already_delivered' | 'already_failed' | 'held_elsewhere' };

/**
 * Sends one alert. The claim makes this the only attempt in flight and is refused once the alert is
 * delivered, so a delivered alert is never sent again. A retryable answer throws (the queue backs
 * off and tries again); a refusal marks the alert failed and fails the job without retries.
 */
export async function deliverAlert(deps: DeliverDeps, alertId: string, helpers: StageHelpers): Promise<DeliveryResult> {
  if (!deps.webhook) return { alertId, outcome: 'no_webhook' };
  const now = deps.clock();
  const claimed = await deps.store.claimAlertDelivery(
    alertId,
    now.toISOString(),
    new Date(now.getTime() + deps.leaseMs).toISOString(),
  );
  if (!claimed) {
    const current = await deps.store.getAlert(alertId);
    if (!current) throw new UnrecoverableStageError('unknown_alert', `alert ${alertId} is not in the store`);
    if (current.delivery.state === 'delivered') return { alertId, outcome: 'already_delivered' };
    if (current.delivery.state === 'failed') return { alertId, outcome: 'already_failed' };
    return { alertId, outcome: 'held_elsewhere' };
  }

  const outcome = await postWebhook(deps.webhook, claimed, now);
  const at = deps.clock().toISOString();
  const log = helpers.log.child({ alertId, kind: claimed.kind, attempts: claimed.delivery.attempts });
  if (outcome.kind === 'delivered') {
    await deps.store.settleAlertDelivery(alertId, { state: 'delivered', at });
    log.info({ status: outcome.status }, 'alert delivered');
    return { alertId, outcome: 'delivered', attempts: claimed.delivery.attempts };
  }
  if (outcome.kind === 'rejected') {
    await deps.store.settleAlertDelivery(alertId, { state: 'failed', at, error: outcome.reason });
    log.error({ reason: outcome.reason }, 'alert refused by the webhook; not retried');
    throw new UnrecoverableStageError('alert_rejected', `alert ${alertId}: ${outcome.reason}`);
  }
  await deps.store.settleAlertDelivery(alertId, { state: 'pending', at, error: outcome.reason });
  log.warn({ reason: outcome.reason }, 'alert not delivered; will retry');
  throw new AlertDeliveryError(alertId, outcome.reason);
}
