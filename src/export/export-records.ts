import type { ProcessedComment } from '../domain/model.js';
import { publicCommentLink } from '../domain/privacy/public-link.js';
import type { AggregateRow } from '../storage/store.js';
import type { CsvValue } from './csv-cell.js';

/**
 * The published shape of each exported row. The author hash is never exported (it would let
 * anyone link one person's comments), nor a permalink that names the author's account; suppressed
 * aggregate cells keep their keys, not their counts. CSV and Parquet rows share these columns.
 */

export const COMMENT_COLUMNS = [
  'source',
  'externalId',
  'url',
  'postedAt',
  'period',
  'odsCode',
  'providerName',
  'question',
  'text',
  'sentimentLabel',
  'sentimentScore',
  'rating',
  'themes',
  'tumourGroups',
  'rareCancer',
  'duplicateOf',
] as const;

export const AGGREGATE_COLUMNS = [
  'odsCode',
  'period',
  'theme',
  'tumourGroup',
  'suppressed',
  'n',
  'positive',
  'neutral',
  'negative',
  'meanScore',
  'positiveShare',
  'positiveShareLower',
  'positiveShareUpper',
  'computedAt',
] as const;

/** Statistics are published to 6 decimal places: more is noise, and it keeps files stable. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function commentJsonRecord(comment: ProcessedComment) {
  return {
    source: comment.source,
    externalId: comment.externalId,
    url: publicCommentLink(comment.url),
    postedAt: comment.postedAt ?? null,
    period: comment.period,
    odsCode: comment.provider?.odsCode ?? comment.odsCode ?? null,
    providerName: comment.provider?.name ?? null,
    question: comment.question ?? null,
    text: comment.text,
    sentiment: { label: comment.sentiment.label, score: comment.sentiment.score },
    rating: comment.rating,
    themes: comment.themes.map((theme) => ({ id: theme.id, sentiment: theme.sentiment })),
    tumourGroups: [...comment.tumourGroups],
    rareCancer: comment.rareCancer,
    duplicateOf: comment.duplicateOf,
  };
}

export function commentCsvRow(comment: ProcessedComment): CsvValue[] {
  const json = commentJsonRecord(comment);
  return [
    json.source,
    json.externalId,
    json.url,
    json.postedAt,
    json.period,
    json.odsCode,
    json.providerName,
    json.question,
    json.text,
    json.sentiment.label,
    json.sentiment.score,
    json.rating,
    json.themes.map((theme) => `${theme.id}:${theme.sentiment}`).join(';'),
    json.tumourGroups.join(';'),
    json.rareCancer,
    json.duplicateOf,
  ];
}

export function aggregateJsonRecord(row: AggregateRow, minCellCount: number) {
  const suppressed = row.n < minCellCount;
  const shown = <T>(value: T): T | null => (suppressed ? null : value);
  return {
    odsCode: row.odsCode,
    period: row.period,
    theme: row.theme,
    tumourGroup: row.tumourGroup,
    suppressed,
    n: shown(row.n),
    positive: shown(row.positive),
    neutral: shown(row.neutral),
    negative: shown(row.negative),
    meanScore: shown(round6(row.meanScore)),
    positiveShare: shown(round6(row.positiveShare)),
    positiveShareLower: shown(round6(row.positiveShareLower)),
    positiveShareUpper: shown(round6(row.positiveShareUpper)),
    computedAt: row.computedAt,
  };
}

export function aggregateCsvRow(row: AggregateRow, minCellCount: number): CsvValue[] {
  const json = aggregateJsonRecord(row, minCellCount);
  return AGGREGATE_COLUMNS.map((column) => json[column]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order for the aggregate files (code-unit order, not locale), so a rerun writes the same bytes. */
export function compareAggregateRows(a: AggregateRow, b: AggregateRow): number {
  return (
    compareText(a.period, b.period) ||
    compareText(a.odsCode, b.odsCode) ||
    compareText(a.theme, b.theme) ||
    compareText(a.tumourGroup, b.tumourGroup)
  );
}
