/**
 * Reading comments: one row, filtered listings with keyset pagination, and counts.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { ProcessedComment } from '../domain/model.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';
import { decodePageCursor, encodePageCursor } from './page-cursor.js';
import { rowToComment } from './row-mapping.js';
import type { Database } from './schema.js';
import type { CommentFilter, Page } from './store.js';

/** Largest page listComments serves; callers page through bigger sets. */
export const MAX_PAGE_SIZE = 1000;

/** The filter as SQL conditions. Theme and tumour group go through the child tables' indexes. */
export function commentFilterConditions(
  eb: ExpressionBuilder<Database, 'comments'>,
  filter: CommentFilter,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.source !== undefined) conditions.push(eb('comments.source', '=', filter.source));
  if (filter.odsCode !== undefined) conditions.push(eb('comments.ods_code', '=', filter.odsCode));
  if (filter.periodFrom !== undefined) conditions.push(eb('comments.period', '>=', filter.periodFrom));
  if (filter.periodTo !== undefined) conditions.push(eb('comments.period', '<=', filter.periodTo));
  if (filter.sentiment !== undefined) conditions.push(eb('comments.sentiment_label', '=', filter.sentiment));
  if (!filter.includeDuplicates) conditions.push(eb('comments.duplicate_of', 'is', null));
  if (filter.theme !== undefined) {
    const theme = filter.theme;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('comment_themes')
          .select(sql.lit(1).as('one'))
          .whereRef('comment_themes.source', '=', 'comments.source')
          .whereRef('comment_themes.external_id', '=', 'comments.external_id')
          .where('comment_themes.theme', '=', theme),
      ),
    );
  }
  if (filter.tumourGroup !== undefined) {
    const group = filter.tumourGroup;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('comment_tumour_groups')
          .select(sql.lit(1).as('one'))
          .whereRef('comment_tumour_groups.source', '=', 'comments.source')
          .whereRef('comment_tumour_groups.external_id', '=', 'comments.external_id')
          .where('comment_tumour_groups.tumour_group', '=', group),
      ),
    );
  }
  return conditions;
}

export async function getComment(
  db: Kysely<Database>,
  source: string,
  externalId: string,
): Promise<ProcessedComment | null> {
  const row = await db
    .selectFrom('comments')
    .selectAll()
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? rowToComment(row) : null;
}

/**
 * Newest period first, then by natural key, all descending so one index serves the order and the
 * keyset condition is a single row-value comparison.
 */
export async function listComments(
  db: Kysely<Database>,
  filter: CommentFilter,
  page: { limit: number; after?: string | null },
): Promise<Page<ProcessedComment>> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
    throw new InvalidStoreInputError(`page limit must be an integer in 1..${MAX_PAGE_SIZE}, got ${page.limit}`);
  }
  const after = page.after ? decodePageCursor(page.after) : null;
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where((eb) => {
      const conditions = commentFilterConditions(eb, filter);
      if (after) {
        conditions.push(
          eb(
            eb.refTuple('comments.period', 'comments.source', 'comments.external_id'),
            '<',
            eb.tuple(after.period, after.source, after.externalId),
          ),
        );
      }
      return eb.and(conditions);
    })
    .orderBy('comments.period', 'desc')
    .orderBy('comments.source', 'desc')
    .orderBy('comments.external_id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map(rowToComment);
  const last = items.at(-1);
  return {
    items,
    next:
      hasMore && last
        ? encodePageCursor({ period: last.period, source: last.source, externalId: last.externalId })
        : null,
  };
}

export async function countComments(db: Kysely<Database>, filter: CommentFilter = {}): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.and(commentFilterConditions(eb, filter)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
