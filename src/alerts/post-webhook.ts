import type { NewAlert } from './alert.js';
import { type DeliveryOutcome, outcomeOfStatus } from './delivery-outcome.js';
import { webhookRequest } from './webhook-payload.js';

export interface WebhookTarget {
  url: string;
  /** HMAC key for the signature header; no signature without it. @defaultValue none */
  secret?: string | undefined;
  /** Longest wait for the receiver's answer; a timeout is retried. @defaultValue 10000 */
  timeoutMs: number;
}

/** Characters of a refusing receiver's body kept with the alert, enough to see why. */
const DETAIL_CHARS = 200;

/** POSTs one alert. Never throws: network errors and timeouts come back as `retry`. */
export async function postWebhook(target: WebhookTarget, alert: NewAlert, now: Date): Promise<DeliveryOutcome> {
  const { body, headers } = webhookRequest(alert, { secret: target.secret, now });
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `webhook did not answer within ${target.timeoutMs} ms`
        : `webhook unreachable: ${describeNetworkError(error)}`;
    return { kind: 'retry', reason };
  }
  if (response.ok) {
    await response.body?.cancel();
    return outcomeOfStatus(response.status);
  }
  const detail = await response.text().then(
    (text) => text.trim().slice(0, DETAIL_CHARS),
    () => '',
  );
  return outcomeOfStatus(response.status, detail);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
