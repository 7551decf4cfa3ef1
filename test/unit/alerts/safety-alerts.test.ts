import { describe, expect, it } from 'vitest';
import { alertDeliveryJobId, safetyAlertId } from '../../../src/alerts/alert.js';
import { safetyAlertsFor } from '../../../src/alerts/safety-alerts.js';
import type { ProcessedComment } from '../../../src/domain/model.js';
import { syntheticComment } from '../../integration/storage/synthetic-comment.js';

const AT = '2024-05-01T10:00:00.000Z';

function flagged(externalId: string, overrides: Partial<ProcessedComment> = {}): ProcessedComment {
  return syntheticComment(externalId, {
    text: `Synthetic ${externalId}: the nurse gave the wrong dose and my mother fell twice.`,
    safety: [{ kind: 'medication_error' }, { kind: 'fall' }],
    ...overrides,
  });
}

describe('safety alerts', () => {
  it('raises one alert per comment and safety kind, with trust, tumour groups, period and redacted text', () => {
    const comment = flagged('c1');
    const alerts = safetyAlertsFor([comment, syntheticComment('quiet')], AT);
    expect(alerts.map((a) => a.kind)).toEqual(['medication_error', 'fall']);
    expect(alerts[0]).toEqual({
      id: safetyAlertId({ source: 'sample', externalId: 'c1' }, 'medication_error'),
      type: 'safety',
      kind: 'medication_error',
      odsCode: 'RBV',
      trustName: 'The Christie NHS Foundation Trust',
      tumourGroups: ['sarcoma'],
      theme: null,
      period: '2024-03',
      evidenceText: comment.text,
      comment: { source: 'sample', externalId: 'c1' },
      evidence: null,
      createdAt: AT,
    });
  });

  it('raises nothing for a duplicate, and a kind flagged twice counts once', () => {
    expect(safetyAlertsFor([flagged('copy', { duplicateOf: 'sample:c1' })], AT)).toEqual([]);
    const twice = flagged('twice', { safety: [{ kind: 'fall' }, { kind: 'fall' }] });
    expect(safetyAlertsFor([twice], AT)).toHaveLength(1);
  });

  it('keeps a comment without a linked trust, with null trust fields', () => {
    const [alert] = safetyAlertsFor([flagged('orphan', { provider: null, safety: [{ kind: 'self_harm' }] })], AT);
    expect(alert).toMatchObject({ odsCode: null, trustName: null, kind: 'self_harm' });
  });

  it('derives the same id for the same comment and kind, and different ids otherwise', () => {
    const key = { source: 'sample', externalId: 'c1' };
    expect(safetyAlertId(key, 'fall')).toBe(safetyAlertId({ ...key }, 'fall'));
    expect(safetyAlertId(key, 'fall')).toMatch(/^[0-9a-f]{32}$/);
    expect(safetyAlertId(key, 'fall')).not.toBe(safetyAlertId(key, 'medication_error'));
    expect(safetyAlertId(key, 'fall')).not.toBe(safetyAlertId({ source: 'reddit', externalId: 'c1' }, 'fall'));
    // Job ids must not contain ':' (BullMQ) and change with the attempts made.
    expect(alertDeliveryJobId('ab', 0)).toBe('alert-ab-0');
    expect(alertDeliveryJobId('ab', 5)).not.toBe(alertDeliveryJobId('ab', 0));
  });
});
