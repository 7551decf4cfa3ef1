/**
 * Reading comments: one row, filtered listings with keyset pagination, counts, and duplicate candidates.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { ProcessedComment } from '../domain/model.js';
import type { DialectHooks } from './dialect-hooks.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';
import { decodePageCursor, encodePageCursor } from './page-cursor.js';
import { rowToComment } from './row-mapping.js';
import type { Database } from './schema.js';
import { simhashBands } from './simhash-bands.js';
import type { CommentFilter, DuplicateCandidate, Page } from './store.js';

/** Largest page listComments serves; callers page through bigger sets. */
export const MAX_PAGE_SIZE = 1000;

const BAND_COLUMNS = ['sim_band0', 'sim_band1', 'sim_band2', 'sim_band3'] as const;

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

/**
 * Stored comments with the same 16 bits as one of `simhashes` in one of the four band positions.
 * That includes every comment with the same content hash: both hashes are taken from the same
 * normalised text, so equal texts have equal SimHashes. (Hence no content-hash index: migration
 * 009 dropped it, a cost on every insert for lookups the bands already answer.)
 */
export async function findDuplicateCandidates(
  db: Kysely<Database>,
  hooks: DialectHooks,
  simhashes: readonly string[],
): Promise<DuplicateCandidate[]> {
  const sims = [...new Set(simhashes)];
  // One statement carries four IN lists (one per band) of up to this length.
  const perStatement = Math.floor(Math.min(hooks.maxBindParameters, 10_000) / 4);
  const found = new Map<string, DuplicateCandidate>();
  for (let start = 0; start < sims.length; start += perStatement) {
    const bands = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()] as const;
    for (const simhash of sims.slice(start, start + perStatement)) {
      simhashBands(simhash).forEach((band, i) => {
        bands[i as 0 | 1 | 2 | 3].add(band);
      });
    }
    const rows = await db
      .selectFrom('comments')
      .select(['source', 'external_id', 'content_hash', 'simhash', 'duplicate_of'])
      .where((eb) => eb.or(BAND_COLUMNS.map((column, i) => eb(column, 'in', [...bands[i as 0 | 1 | 2 | 3]]))))
      .execute();
    for (const r of rows) {
      const key = `${r.source}:${r.external_id}`;
      found.set(key, { key, contentHash: r.content_hash, simhash: r.simhash, duplicateOf: r.duplicate_of });
    }
  }
  return [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
