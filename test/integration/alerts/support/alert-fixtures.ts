import type { NewAlert } from '../../../../src/alerts/alert.js';
import { safetyAlertId } from '../../../../src/alerts/alert.js';

/** A synthetic safety alert as the process stage would store it. */
export function storedSafetyAlert(externalId: string, createdAt = '2024-05-01T10:00:00.000Z'): NewAlert {
  const comment = { source: 'sample', externalId };
  return {
    id: safetyAlertId(comment, 'missed_deterioration'),
    type: 'safety',
    kind: 'missed_deterioration',
    odsCode: 'RBV',
    trustName: 'Synthetic Cancer Centre NHS Foundation Trust',
    tumourGroups: ['haematological'],
    theme: null,
    period: '2024-04',
    evidenceText: `Synthetic ${externalId}: his temperature spiked overnight and nobody checked on him until morning.`,
    comment,
    evidence: null,
    createdAt,
  };
}
