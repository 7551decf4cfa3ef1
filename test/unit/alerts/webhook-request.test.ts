import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NewAlert } from '../../../src/alerts/alert.js';
import { outcomeOfStatus } from '../../../src/alerts/delivery-outcome.js';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  webhookRequest,
} from '../../../src/alerts/webhook-payload.js';

const alert: NewAlert = {
  id: 'f'.repeat(32),
  type: 'safety',
  kind: 'unsafe_discharge',
  odsCode: 'RAA',
  trustName: 'Synthetic Hospitals NHS Trust',
  tumourGroups: ['lung'],
  theme: null,
  period: '2024-04',
  evidenceText: 'Synthetic: sent home at midnight with no medicines and no one to call. [NAME] was alone.',
  comment: { source: 'sample', externalId: 'c9' },
  evidence: null,
  createdAt: '2024-05-01T10:00:00.000Z',
};

describe('webhook request', () => {
  it('carries the alert as JSON with an Idempotency-Key equal to the alert id', () => {
    const { body, headers } = webhookRequest(alert, { now: new Date('2024-05-01T10:00:05Z') });
    expect(headers[IDEMPOTENCY_HEADER]).toBe(alert.id);
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers[SIGNATURE_HEADER]).toBeUndefined();
    expect(JSON.parse(body)).toEqual({
      id: alert.id,
      type: 'safety',
      kind: 'unsafe_discharge',
      trust: { odsCode: 'RAA', name: 'Synthetic Hospitals NHS Trust' },
      tumourGroups: ['lung'],
      theme: null,
      period: '2024-04',
      evidenceText: alert.evidenceText,
      comment: { source: 'sample', externalId: 'c9' },
      evidence: null,
      createdAt: alert.createdAt,
    });
  });

  it('signs timestamp and body with HMAC-SHA256 when a secret is set', () => {
    const secret = 'a-synthetic-secret-0123456789';
    const { body, headers } = webhookRequest(alert, { secret, now: new Date('2024-05-01T10:00:05Z') });
    expect(headers[TIMESTAMP_HEADER]).toBe(String(Date.parse('2024-05-01T10:00:05Z') / 1000));
    const expected = createHmac('sha256', secret).update(`${headers[TIMESTAMP_HEADER]}.${body}`).digest('hex');
    expect(headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    const other = webhookRequest(alert, { secret: `${secret}x`, now: new Date('2024-05-01T10:00:05Z') });
    expect(other.headers[SIGNATURE_HEADER]).not.toBe(headers[SIGNATURE_HEADER]);
  });
});

describe('delivery outcome of an HTTP status', () => {
  it.each([
    [200, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [400, 'rejected'],
    [401, 'rejected'],
    [404, 'rejected'],
    [410, 'rejected'],
    [422, 'rejected'],
    [301, 'rejected'],
    [307, 'rejected'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(outcomeOfStatus(status).kind).toBe(kind);
  });

  it('keeps the status and the receiver’s reason for the record', () => {
    expect(outcomeOfStatus(400, 'missing field kind')).toEqual({
      kind: 'rejected',
      reason: 'webhook refused the alert with HTTP 400: missing field kind',
    });
    expect(outcomeOfStatus(503)).toEqual({ kind: 'retry', reason: 'webhook answered HTTP 503' });
  });
});
