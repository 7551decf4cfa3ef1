import type { SchemaElement } from 'hyparquet-writer';
import type { AGGREGATE_COLUMNS, COMMENT_COLUMNS } from './export-records.js';

/**
 * Parquet types of the export rows. Each dataset carries the same columns in CSV and Parquet;
 * Parquet keeps the types (numbers, booleans, nulls, lists) that CSV can only write as text.
 */

/** `STRING_LIST` is a standard three-level Parquet LIST of UTF-8 strings (CSV joins it with `;`). */
export type ParquetColumnType = 'STRING' | 'DOUBLE' | 'INT32' | 'BOOLEAN' | 'STRING_LIST';

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

function columnSchema(name: string, { type, nullable }: ParquetColumnSpec): SchemaElement[] {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  if (type === 'STRING') return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }];
  if (type === 'STRING_LIST') {
    // The list/element names of the Parquet LogicalTypes spec, which DuckDB, pyarrow and R arrow read.
    return [
      { name, converted_type: 'LIST', repetition_type, num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ];
  }
  return [{ name, type, repetition_type }];
}

/** The Parquet schema: root plus one top-level field per column, in column order. */
export function parquetSchema<C extends string>(
  columns: readonly C[],
  types: Readonly<Record<C, ParquetColumnSpec>>,
): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.flatMap((name) => columnSchema(name, types[name])),
  ];
}
