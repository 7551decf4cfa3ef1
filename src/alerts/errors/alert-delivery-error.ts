/** A delivery attempt that may succeed later (5xx, 408, 429, timeout, network): the queue retries it. */
export class AlertDeliveryError extends Error {
  readonly code = 'alert_delivery_retry';

  constructor(
    readonly alertId: string,
    reason: string,
  ) {
    super(`alert ${alertId} not delivered yet: ${reason}`);
    this.name = 'AlertDeliveryError';
  }
}
