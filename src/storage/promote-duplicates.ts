/**
 * When an original goes (forget, upstream deletion), its duplicates would otherwise point at nothing
 * and stay out of every count. The earliest remaining one becomes the original and the others point
 * at it. (The others were near the deleted original, not necessarily near each other; keeping them
 * grouped is the choice that leaves the counts as they were minus the deleted comment.)
 */
import { type Kysely, sql } from 'kysely';
import { commentToRow, rowToComment } from './row-mapping.js';
import type { Database } from './schema.js';

/** Runs inside the deleting transaction, after the original's row is gone. */
export async function promoteDuplicatesOf(trx: Kysely<Database>, source: string, externalId: string): Promise<void> {
  const rows = await trx
    .selectFrom('comments')
    .selectAll()
    .where('duplicate_of', '=', `${source}:${externalId}`)
    .orderBy(sql`coalesce(posted_at, fetched_at)`)
    .orderBy('source')
    .orderBy('external_id')
    .execute();
  const [first, ...rest] = rows;
  if (first === undefined) return;
  const promotedKey = `${first.source}:${first.external_id}`;
  for (const [row, duplicateOf] of [[first, null] as const, ...rest.map((r) => [r, promotedKey] as const)]) {
    // The row hash covers duplicate_of: recomputed, so processing the comment again is "unchanged".
    const { row_hash } = commentToRow({ ...rowToComment(row), duplicateOf });
    await trx
      .updateTable('comments')
      .set({ duplicate_of: duplicateOf, row_hash })
      .where('source', '=', row.source)
      .where('external_id', '=', row.external_id)
      .execute();
  }
}
