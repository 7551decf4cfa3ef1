/**
 * Writing alerts: insert-once by id, and the delivery state machine pending → delivered | failed.
 * A claim is one UPDATE … RETURNING, so two workers can never hold the same alert at once.
 */
import { type Kysely, sql } from 'kysely';
import type { DeliverySettlement, DivergenceEvidence, NewAlert, StoredAlert } from '../alerts/alert.js';
import { alertToRow, rowToAlert } from './alert-mapping.js';
import { chunk, groupBy } from './chunk.js';
import type { DialectHooks } from './dialect-hooks.js';
import { forgottenIds } from './forgotten-ids.js';
import type { Database } from './schema.js';

const ALERT_COLUMNS = 20;

/**
 * A comment forgotten after the alert was computed must not come back through it: a safety alert on
 * a forgotten comment is dropped, and forgotten ids leave divergence evidence.
 */
async function withoutForgottenComments(
  trx: Kysely<Database>,
  hooks: DialectHooks,
  alerts: readonly NewAlert[],
): Promise<NewAlert[]> {
  const keys = new Map<string, { source: string; externalId: string }>();
  for (const alert of alerts) {
    if (alert.comment) keys.set(`${alert.comment.source}:${alert.comment.externalId}`, alert.comment);
    for (const key of alert.evidence?.commentIds ?? []) {
      const separator = key.indexOf(':');
      if (separator > 0) keys.set(key, { source: key.slice(0, separator), externalId: key.slice(separator + 1) });
    }
  }
  if (keys.size === 0) return [...alerts];
  const forgotten = new Set<string>();
  for (const [source, group] of groupBy([...keys.values()], (k) => k.source)) {
    const ids = await forgottenIds(
      trx,
      hooks,
      source,
      group.map((k) => k.externalId),
    );
    for (const id of ids) forgotten.add(`${source}:${id}`);
  }
  if (forgotten.size === 0) return [...alerts];
  return alerts
    .filter((a) => !a.comment || !forgotten.has(`${a.comment.source}:${a.comment.externalId}`))
    .map((a) =>
      a.evidence
        ? { ...a, evidence: { ...a.evidence, commentIds: a.evidence.commentIds.filter((id) => !forgotten.has(id)) } }
        : a,
    );
}

/** Inserts alerts whose id is new and returns those ids; an existing alert is never touched. */
export async function recordAlerts(
  db: Kysely<Database>,
  hooks: DialectHooks,
  alerts: readonly NewAlert[],
): Promise<string[]> {
  if (alerts.length === 0) return [];
  const unique = [...new Map(alerts.map((a) => [a.id, a])).values()];
  const perStatement = Math.max(1, Math.min(500, Math.floor(hooks.maxBindParameters / ALERT_COLUMNS)));
  return hooks.writeTransaction(db, async (trx) => {
    // Under the comment lock, so a forget cannot land between this check and the insert.
    await hooks.lockCommentWrites(trx);
    const kept = await withoutForgottenComments(trx, hooks, unique);
    const inserted: string[] = [];
    for (const part of chunk(kept, perStatement)) {
      const rows = await trx
        .insertInto('alerts')
        .values(part.map(alertToRow))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.push(row.id);
    }
    return inserted;
  });
}

/**
 * Takes a pending, unleased alert for one delivery attempt: counts the attempt and leases it until
 * `leaseUntil`. Null when the alert is delivered, failed, unknown, or leased by someone else.
 */
export async function claimAlertDelivery(
  db: Kysely<Database>,
  hooks: DialectHooks,
  id: string,
  at: string,
  leaseUntil: string,
): Promise<StoredAlert | null> {
  const row = await hooks.writeTransaction(db, (trx) =>
    trx
      .updateTable('alerts')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), leased_until: leaseUntil, updated_at: at }))
      .where('id', '=', id)
      .where('delivery_state', '=', 'pending')
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', at)]))
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? rowToAlert(row) : null;
}

/** Ends an attempt. Delivered is final and wins over anything; a failed or retried attempt only
 *  changes a pending alert, so a late answer never undoes a delivery. */
export async function settleAlertDelivery(
  db: Kysely<Database>,
  hooks: DialectHooks,
  id: string,
  outcome: DeliverySettlement,
): Promise<void> {
  await hooks.writeTransaction(db, async (trx) => {
    const update = trx.updateTable('alerts').where('id', '=', id);
    if (outcome.state === 'delivered') {
      await update
        .set({
          delivery_state: 'delivered',
          delivered_at: outcome.at,
          leased_until: null,
          last_error: null,
          updated_at: outcome.at,
        })
        .where('delivery_state', '<>', 'delivered')
        .execute();
      return;
    }
    await update
      .set({
        delivery_state: outcome.state,
        failed_at: outcome.state === 'failed' ? outcome.at : null,
        leased_until: null,
        last_error: outcome.error,
        updated_at: outcome.at,
      })
      .where('delivery_state', '=', 'pending')
      .execute();
  });
}

/** `text` as a LIKE pattern that matches only itself (with `escape '\\'`). */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Removes one comment key from the evidence of every divergence alert that lists it (inside the
 * caller's transaction). LIKE narrows the rows; the exact match is made on the parsed JSON.
 */
export async function dropCommentFromAlertEvidence(trx: Kysely<Database>, commentKey: string): Promise<void> {
  const rows = await trx
    .selectFrom('alerts')
    .select(['id', 'evidence'])
    .where('type', '=', 'divergence')
    .where(sql<boolean>`evidence like ${`%${likeLiteral(JSON.stringify(commentKey))}%`} escape '\\'`)
    .execute();
  for (const row of rows) {
    if (row.evidence === null) continue;
    const evidence = JSON.parse(row.evidence) as DivergenceEvidence;
    const commentIds = evidence.commentIds.filter((id) => id !== commentKey);
    if (commentIds.length === evidence.commentIds.length) continue;
    await trx
      .updateTable('alerts')
      .set({ evidence: JSON.stringify({ ...evidence, commentIds }) })
      .where('id', '=', row.id)
      .execute();
  }
}
