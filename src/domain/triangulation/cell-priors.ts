import { TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import { cellKey } from './cell-key.js';
import { type CpesTable, withGroupRemoved } from './cpes-table.js';
import { priorMean, type TriangulationParameters } from './parameters.js';
import { type ResolvedOptions, resolveOptions, type TriangulationOptions } from './triangulation-options.js';
import { trustContexts } from './trust-contexts.js';

/** What the survey alone expects of a cell before its own figures: England's group score and the prior. */
export interface CellPrior {
  odsCode: string;
  group: TumourGroupId;
  question: number;
  /** England's score for the group and question, pp. */
  national: number;
  /** The estimator's prior mean (England's score moved by the trust's effect), pp. */
  prior: number;
}

function addPriors(
  out: Map<string, CellPrior>,
  table: CpesTable,
  odsCode: string,
  groups: readonly TumourGroupId[],
  params: TriangulationParameters,
  resolved: ResolvedOptions,
): void {
  const contexts = trustContexts(
    table,
    odsCode,
    resolved,
    undefined,
    params.suppressedSizeFactor,
    params.trustQuestionVariance,
  );
  for (const [question, context] of contexts) {
    for (const group of groups) {
      const national = context.national.groups.get(group);
      if (!national) continue;
      const prior = priorMean(context, group, params);
      out.set(cellKey(odsCode, group, question), { odsCode, group, question, national: national.score, prior });
    }
  }
}

/**
 * The estimator's prior for every trust × group × question England published, keyed by `cellKey`. Outside
 * signals are calibrated on this prior's error on published cells (`calibrateFeatures`), so their readings
 * carry only what they know beyond it. A published group's prior is taken from the trust's figures
 * without that group: otherwise the prior would share the cell's own sampling noise (through All
 * Cancers), which a suppressed cell's prior barely does, and a calibration fitted on one would not
 * carry over to the other.
 */
export function cellPriors(
  table: CpesTable,
  params: TriangulationParameters,
  options: TriangulationOptions = {},
): Map<string, CellPrior> {
  const resolved = resolveOptions(options);
  const out = new Map<string, CellPrior>();
  for (const [odsCode, byQuestion] of table.trusts) {
    addPriors(out, table, odsCode, TUMOUR_GROUPS, params, resolved);
    const published = new Set<TumourGroupId>();
    for (const cells of byQuestion.values()) for (const g of cells.groups.keys()) published.add(g);
    for (const group of published)
      addPriors(out, withGroupRemoved(table, odsCode, group), odsCode, [group], params, resolved);
  }
  return out;
}
