/** NewAlert / StoredAlert ⇄ alerts row. Arrays and evidence are JSON text, as elsewhere in the store. */
import type { Insertable, Selectable } from 'kysely';
import type {
  AlertKind,
  AlertType,
  DeliveryState,
  DivergenceEvidence,
  NewAlert,
  StoredAlert,
} from '../alerts/alert.js';
import type { ThemeId, TumourGroupId } from '../domain/model.js';
import type { AlertsTable } from './schema.js';

export function alertToRow(alert: NewAlert): Insertable<AlertsTable> {
  return {
    id: alert.id,
    type: alert.type,
    kind: alert.kind,
    ods_code: alert.odsCode,
    trust_name: alert.trustName,
    tumour_groups: JSON.stringify(alert.tumourGroups),
    theme: alert.theme,
    period: alert.period,
    evidence_text: alert.evidenceText,
    comment_source: alert.comment?.source ?? null,
    comment_external_id: alert.comment?.externalId ?? null,
    evidence: alert.evidence === null ? null : JSON.stringify(alert.evidence),
    created_at: alert.createdAt,
    delivery_state: 'pending',
    attempts: 0,
    last_error: null,
    delivered_at: null,
    failed_at: null,
    leased_until: null,
    updated_at: alert.createdAt,
  };
}

export function rowToAlert(row: Selectable<AlertsTable>): StoredAlert {
  return {
    id: row.id,
    type: row.type as AlertType,
    kind: row.kind as AlertKind,
    odsCode: row.ods_code,
    trustName: row.trust_name,
    tumourGroups: JSON.parse(row.tumour_groups) as TumourGroupId[],
    theme: row.theme as ThemeId | null,
    period: row.period,
    evidenceText: row.evidence_text,
    comment:
      row.comment_source !== null && row.comment_external_id !== null
        ? { source: row.comment_source, externalId: row.comment_external_id }
        : null,
    evidence: row.evidence === null ? null : (JSON.parse(row.evidence) as DivergenceEvidence),
    createdAt: row.created_at,
    delivery: {
      state: row.delivery_state as DeliveryState,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      deliveredAt: row.delivered_at,
      failedAt: row.failed_at,
    },
  };
}
