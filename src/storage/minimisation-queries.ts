/**
 * Data minimisation: forgetting a comment for good, and purging comment text past its retention.
 * Aggregates, analysis fields and provenance hashes are never touched here.
 */
import { type Kysely, sql } from 'kysely';
import { dropCommentFromAlertEvidence } from './alert-writes.js';
import { deleteComment } from './comment-writes.js';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';

/**
 * Deletes the comment and records its key in one transaction, so there is no moment when the key
 * is unrecorded and the comment gone. Idempotent: forgetting twice keeps the first request's time.
 */
export async function forgetComment(
  db: Kysely<Database>,
  hooks: DialectHooks,
  source: string,
  externalId: string,
  forgottenAt: string,
): Promise<boolean> {
  return hooks.writeTransaction(db, async (trx) => {
    // First, so an upsert that already read the forgotten keys commits before this deletes.
    await hooks.lockCommentWrites(trx);
    await trx
      .insertInto('forgotten_comments')
      .values({ source, external_id: externalId, forgotten_at: forgottenAt })
      .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
      .execute();
    // Alerts keep a copy of the redacted text as evidence; a forgotten comment leaves none behind.
    await trx
      .updateTable('alerts')
      .set({ evidence_text: '' })
      .where('comment_source', '=', source)
      .where('comment_external_id', '=', externalId)
      .execute();
    // Divergence alerts list the ids of comments behind them; a forgotten one is no longer listed.
    await dropCommentFromAlertEvidence(trx, `${source}:${externalId}`);
    // Nested in this transaction: deleteComment's own writeTransaction runs on `trx`.
    return deleteComment(trx, { ...hooks, writeTransaction: (_db, fn) => fn(trx) }, source, externalId);
  });
}

/**
 * Empties the text of comments posted (or, when undated, fetched) before `before`. The predicate is
 * on the text, not on `purged_at`, so a purged comment whose edited text an upsert brought back is
 * purged again; `purged_at` keeps the first purge's time.
 */
export async function purgeCommentText(
  db: Kysely<Database>,
  hooks: DialectHooks,
  before: string,
  purgedAt: string,
): Promise<number> {
  return hooks.writeTransaction(db, async (trx) => {
    // First, as in every comment write: PostgreSQL's SimHash journal triggers take the same lock,
    // and taken after this update's row locks it could deadlock with a writer waiting on those rows.
    await hooks.lockCommentWrites(trx);
    const result = await trx
      .updateTable('comments')
      .set({ text: '', purged_at: sql<string>`coalesce(purged_at, ${purgedAt})` })
      .where('text', '<>', '')
      .where(sql<string>`coalesce(posted_at, fetched_at)`, '<', before)
      .executeTakeFirst();
    // The alert copy of a purged comment's text goes with it.
    await trx
      .updateTable('alerts')
      .set({ evidence_text: '' })
      .where('evidence_text', '<>', '')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('comments')
            .select(sql`1`.as('one'))
            .whereRef('comments.source', '=', 'alerts.comment_source')
            .whereRef('comments.external_id', '=', 'alerts.comment_external_id')
            .where('comments.text', '=', ''),
        ),
      )
      .execute();
    return Number(result.numUpdatedRows);
  });
}

/** Comments whose text the retention purge has emptied. */
export async function countPurgedComments(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('purged_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
