import { TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import type { CpesScore } from './cpes-score.js';

/** A published tumour-group cell (never All Cancers). */
export type GroupCell = CpesScore & { tumourGroup: TumourGroupId };

/** What one area (a trust, or England) published for one question. */
export interface QuestionCells {
  all?: CpesScore | undefined;
  groups: Map<TumourGroupId, GroupCell>;
}

/**
 * Published CPES cells indexed for the estimator: per question for England, and per trust × question.
 * Suppressed cells are absent; a cell is looked up, never scanned for.
 */
export interface CpesTable {
  /** Questions England published, ascending. */
  questions: number[];
  national: Map<number, QuestionCells>;
  trusts: Map<string, Map<number, QuestionCells>>;
}

function cellsFor(byQuestion: Map<number, QuestionCells>, question: number): QuestionCells {
  let cells = byQuestion.get(question);
  if (!cells) {
    cells = { groups: new Map() };
    byQuestion.set(question, cells);
  }
  return cells;
}

export function buildCpesTable(scores: Iterable<CpesScore>): CpesTable {
  const national = new Map<number, QuestionCells>();
  const trusts = new Map<string, Map<number, QuestionCells>>();
  for (const s of scores) {
    let byQuestion = national;
    if (s.odsCode !== null) {
      byQuestion = trusts.get(s.odsCode) ?? new Map();
      trusts.set(s.odsCode, byQuestion);
    }
    const cells = cellsFor(byQuestion, s.question);
    if (s.tumourGroup === 'all') cells.all = s;
    else cells.groups.set(s.tumourGroup, s as GroupCell);
  }
  const questions = [...national.keys()].sort((a, b) => a - b);
  return { questions, national, trusts };
}

/** The tumour groups a trust published on at least one question. */
export function publishedGroups(table: CpesTable, odsCode: string): TumourGroupId[] {
  const byQuestion = table.trusts.get(odsCode);
  if (!byQuestion) return [];
  const seen = new Set<TumourGroupId>();
  for (const cells of byQuestion.values()) for (const g of cells.groups.keys()) seen.add(g);
  return TUMOUR_GROUPS.filter((g) => seen.has(g));
}

/** Tumour groups England published on any question, in their canonical order. */
export function nationalGroups(table: CpesTable): TumourGroupId[] {
  const seen = new Set<TumourGroupId>();
  for (const cells of table.national.values()) for (const g of cells.groups.keys()) seen.add(g);
  return TUMOUR_GROUPS.filter((g) => seen.has(g));
}

/**
 * The table as it would look had one trust's tumour group been suppressed on every question: its cells
 * are dropped, everything else (All Cancers, other groups, England) is shared, not copied.
 */
export function withGroupHidden(table: CpesTable, odsCode: string, group: TumourGroupId): CpesTable {
  const byQuestion = table.trusts.get(odsCode);
  if (!byQuestion) return table;
  const hidden = new Map<number, QuestionCells>();
  for (const [q, cells] of byQuestion) {
    const groups = new Map(cells.groups);
    groups.delete(group);
    hidden.set(q, { all: cells.all, groups });
  }
  const trusts = new Map(table.trusts);
  trusts.set(odsCode, hidden);
  return { questions: table.questions, national: table.national, trusts };
}

/**
 * The trust's figures as they would stand had one group's patients not been surveyed: its cells gone and
 * their respondents and positives taken out of All Cancers (whose CI then no longer applies). A prior
 * computed from it does not share the group's own departure or sampling noise.
 */
export function withGroupRemoved(table: CpesTable, odsCode: string, group: TumourGroupId): CpesTable {
  const byQuestion = table.trusts.get(odsCode);
  if (!byQuestion) return table;
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
