import { divergenceAlertId, type NewAlert } from '../alert.js';
import type { DivergenceFinding } from './divergence-finding.js';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** One sentence with the figures, for whoever reads the alert first. */
export function describeFinding(finding: DivergenceFinding): string {
  const { recent, baseline, survey, probability } = finding.evidence;
  const p = probability.toFixed(3);
  if (finding.kind === 'deteriorating' && baseline) {
    return (
      `Positive share of comments on ${finding.theme} at ${finding.odsCode} fell from ` +
      `${percent(baseline.share.mean)} (n=${baseline.n}, ${baseline.periodFrom}..${baseline.periodTo}) to ` +
      `${percent(recent.share.mean)} (n=${recent.n}, ${recent.periodFrom}..${recent.periodTo}); ` +
      `posterior probability of a real drop: ${p}.`
    );
  }
  const expected = survey ? percent(survey.expectedShare) : 'n/a';
  const score = survey ? percent(survey.score) : 'n/a';
  return (
    `Comments on ${finding.theme} at ${finding.odsCode} are ${percent(recent.share.mean)} positive ` +
    `(n=${recent.n}, ${recent.periodFrom}..${recent.periodTo}), below the ${expected} its survey score of ` +
    `${score} suggests; posterior probability: ${p}.`
  );
}

export function divergenceAlert(
  finding: DivergenceFinding,
  context: { trustName: string | null; commentIds: readonly string[]; createdAt: string },
): NewAlert {
  return {
    id: divergenceAlertId(finding.kind, finding.odsCode, finding.theme, finding.period),
    type: 'divergence',
    kind: finding.kind,
    odsCode: finding.odsCode,
    trustName: context.trustName,
    tumourGroups: [],
    theme: finding.theme,
    period: finding.period,
    evidenceText: describeFinding(finding),
    comment: null,
    evidence: { ...finding.evidence, commentIds: context.commentIds.slice(0, 20) },
    createdAt: context.createdAt,
  };
}
