import { TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import { cellKey } from './cell-key.js';
import type { CpesTable, QuestionCells } from './cpes-table.js';
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

/**
 * The trust's figures as they would stand had one group's patients not been surveyed: its cells gone and
 * their respondents and positives taken out of All Cancers (whose CI then no longer applies).
 */
function withoutGroup(table: CpesTable, odsCode: string, group: TumourGroupId): CpesTable {
  const byQuestion = table.trusts.get(odsCode)!;
  const trimmed = new Map<number, QuestionCells>();
  for (const [q, cells] of byQuestion) {
    const own = cells.groups.get(group);
    const groups = new Map(cells.groups);
    groups.delete(group);
    let all = cells.all;
    if (own && all && all.respondents > own.respondents) {
      const respondents = all.respondents - own.respondents;
      const score = (all.respondents * all.score - own.respondents * own.score) / respondents;
      all = { odsCode, tumourGroup: 'all', question: q, respondents, score };
    }
    trimmed.set(q, { all, groups });
  }
  const trusts = new Map(table.trusts);
  trusts.set(odsCode, trimmed);
  return { questions: table.questions, national: table.national, trusts };
}

function addPriors(
  out: Map<string, CellPrior>,
  table: CpesTable,
  odsCode: string,
  groups: readonly TumourGroupId[],
  params: TriangulationParameters,
  resolved: ResolvedOptions,
): void {
  for (const [question, context] of trustContexts(table, odsCode, resolved, undefined, params.suppressedSizeFactor)) {
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
 * signals are calibrated against published cells with this prior as a covariate, so their readings
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
      addPriors(out, withoutGroup(table, odsCode, group), odsCode, [group], params, resolved);
  }
  return out;
}
