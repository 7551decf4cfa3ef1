/**
 * What a webhook's answer means for an alert. 2xx: delivered. 408 and 429 (the receiver is busy)
 * and 5xx: try again later. Any other answer (4xx, or a redirect, which is never followed because
 * a moved endpoint should be reconfigured, not guessed) will not change on retry: failed for good.
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; reason: string }
  | { kind: 'rejected'; reason: string };

export function outcomeOfStatus(status: number, detail = ''): DeliveryOutcome {
  const suffix = detail ? `: ${detail}` : '';
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', reason: `webhook answered HTTP ${status}${suffix}` };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'rejected', reason: `webhook answered HTTP ${status} (redirects are not followed)${suffix}` };
  }
  return { kind: 'rejected', reason: `webhook refused the alert with HTTP ${status}${suffix}` };
}
