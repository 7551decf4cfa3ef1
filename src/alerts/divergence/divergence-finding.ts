import type { ThemeId } from '../../domain/model.js';
import type { DivergenceEvidence, DivergenceKind } from '../alert.js';

/** A trust × theme that a divergence rule picked out, before it becomes an alert. */
export interface DivergenceFinding {
  kind: DivergenceKind;
  odsCode: string;
  theme: ThemeId;
  /** Last month of the windows looked at. */
  period: string;
  evidence: Omit<DivergenceEvidence, 'commentIds'>;
}
