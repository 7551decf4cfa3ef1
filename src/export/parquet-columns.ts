import type { SchemaElement } from 'hyparquet-writer';
import type { AGGREGATE_COLUMNS, COMMENT_COLUMNS } from './export-records.js';

/**
 * Parquet types of the flat export rows. Comments and aggregates carry the same columns in CSV and
 * Parquet; Parquet keeps the types (numbers, booleans, nulls) that CSV can only write as text.
 */

export type ParquetColumnType = 'STRING' | 'DOUBLE' | 'INT32' | 'BOOLEAN';

export interface ParquetColumnSpec {
  type: ParquetColumnType;
  /** Whether the column may hold null (Parquet OPTIONAL rather than REQUIRED). */
  nullable: boolean;
}

type CommentColumn = (typeof COMMENT_COLUMNS)[number];
type AggregateColumn = (typeof AGGREGATE_COLUMNS)[number];

const text = (nullable = false): ParquetColumnSpec => ({ type: 'STRING', nullable });

export const COMMENT_PARQUET_TYPES: Readonly<Record<CommentColumn, ParquetColumnSpec>> = {
  source: text(),
  externalId: text(),
  url: text(true),
  postedAt: text(true),
  period: text(),
  odsCode: text(true),
  providerName: text(true),
  question: text(true),
  text: text(),
  sentimentLabel: text(),
  sentimentScore: { type: 'DOUBLE', nullable: false },
  rating: { type: 'INT32', nullable: false },
  themes: text(),
  tumourGroups: text(),
  rareCancer: { type: 'BOOLEAN', nullable: false },
  duplicateOf: text(true),
};

const count = { type: 'INT32', nullable: true } as const;
const share = { type: 'DOUBLE', nullable: true } as const;

export const AGGREGATE_PARQUET_TYPES: Readonly<Record<AggregateColumn, ParquetColumnSpec>> = {
  odsCode: text(),
  period: text(),
  theme: text(),
  tumourGroup: text(),
  suppressed: { type: 'BOOLEAN', nullable: false },
  n: count,
  positive: count,
  neutral: count,
  negative: count,
  meanScore: share,
  positiveShare: share,
  positiveShareLower: share,
  positiveShareUpper: share,
  computedAt: text(),
};

/** The Parquet schema (root plus one flat leaf per column, in column order). */
export function parquetSchema<C extends string>(
  columns: readonly C[],
  types: Readonly<Record<C, ParquetColumnSpec>>,
): SchemaElement[] {
  const leaves = columns.map((name): SchemaElement => {
    const { type, nullable } = types[name];
    const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
    return type === 'STRING'
      ? { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }
      : { name, type, repetition_type };
  });
  return [{ name: 'root', num_children: leaves.length }, ...leaves];
}
