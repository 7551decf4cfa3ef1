/** Reading alerts: one by id, filtered newest-first listings with keyset pagination, stale pending ones. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { AlertFilter, StoredAlert } from '../alerts/alert.js';
import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor.js';
import { rowToAlert } from './alert-mapping.js';
import { MAX_PAGE_SIZE } from './comment-queries.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';
import type { Database } from './schema.js';
import type { Page } from './store.js';

function alertFilterConditions(eb: ExpressionBuilder<Database, 'alerts'>, filter: AlertFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.type !== undefined) conditions.push(eb('type', '=', filter.type));
  if (filter.kind !== undefined) conditions.push(eb('kind', '=', filter.kind));
  if (filter.odsCode !== undefined) conditions.push(eb('ods_code', '=', filter.odsCode));
  if (filter.createdFrom !== undefined) conditions.push(eb('created_at', '>=', filter.createdFrom));
  if (filter.createdBefore !== undefined) conditions.push(eb('created_at', '<', filter.createdBefore));
  if (filter.delivered === true) conditions.push(eb('delivery_state', '=', 'delivered'));
  if (filter.delivered === false) conditions.push(eb('delivery_state', '<>', 'delivered'));
  return conditions;
}

export async function getAlert(db: Kysely<Database>, id: string): Promise<StoredAlert | null> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAlert(row) : null;
}

/** Newest first by (createdAt, id); `after` is the `next` of the previous page. */
export async function listAlerts(
  db: Kysely<Database>,
  filter: AlertFilter,
  page: { limit: number; after?: string | null },
): Promise<Page<StoredAlert>> {
  if (!(Number.isInteger(page.limit) && page.limit >= 1 && page.limit <= MAX_PAGE_SIZE)) {
    throw new InvalidStoreInputError(`page limit must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${page.limit}`);
  }
  const after = page.after ? decodeAlertCursor(page.after) : null;
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where((eb) => {
      const conditions = alertFilterConditions(eb, filter);
      if (after) {
        conditions.push(
          eb.or([
            eb('created_at', '<', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
          ]),
        );
      }
      return eb.and(conditions);
    })
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(rowToAlert);
  const last = items.at(-1);
  const next = rows.length > page.limit && last ? encodeAlertCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return { items, next };
}

/** Pending alerts whose delivery state has not changed since `staleBefore`: oldest first. */
export async function listStaleAlerts(
  db: Kysely<Database>,
  staleBefore: string,
  limit: number,
): Promise<StoredAlert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('delivery_state', '=', 'pending')
    .where('updated_at', '<', staleBefore)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(rowToAlert);
}
