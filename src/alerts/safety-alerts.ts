import type { ProcessedComment, SafetyKind } from '../domain/model.js';
import { type NewAlert, safetyAlertId } from './alert.js';

/**
 * One safety alert per stored comment × safety kind. Duplicates raise nothing: the comment they
 * copy raised its alert already, and a repost must not page someone twice.
 */
export function safetyAlertsFor(comments: readonly ProcessedComment[], createdAt: string): NewAlert[] {
  const alerts: NewAlert[] = [];
  for (const comment of comments) {
    if (comment.duplicateOf !== null) continue;
    const kinds = new Set<SafetyKind>(comment.safety.map((flag) => flag.kind));
    for (const kind of kinds) {
      const key = { source: comment.source, externalId: comment.externalId };
      alerts.push({
        id: safetyAlertId(key, kind),
        type: 'safety',
        kind,
        odsCode: comment.provider?.odsCode ?? null,
        trustName: comment.provider?.name ?? null,
        tumourGroups: [...comment.tumourGroups],
        theme: null,
        period: comment.period,
        evidenceText: comment.text,
        comment: key,
        evidence: null,
        createdAt,
      });
    }
  }
  return alerts;
}
