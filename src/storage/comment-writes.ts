/**
 * Writing comments: upsert by natural key with child-table sync, and delete. One transaction per call,
 * each begun with hooks.lockCommentWrites.
 */
import type { ExpressionBuilder, Kysely, OnConflictDatabase, OnConflictTables, UpdateObject } from 'kysely';
import type { ProcessedComment, ThemeSentiment, TumourGroupId } from '../domain/model.js';
import { chunk, groupBy } from './chunk.js';
import type { DialectHooks } from './dialect-hooks.js';
import { forgottenIds } from './forgotten-ids.js';
import { promoteDuplicatesOf } from './promote-duplicates.js';
import { RepeatedInsert } from './repeated-insert.js';
import { commentToRow, distinctThemes, distinctTumourGroups } from './row-mapping.js';
import type { CommentsTable, CommentThemesTable, CommentTumourGroupsTable, Database, NewCommentRow } from './schema.js';
import type { DuplicateLookup, ResolveDuplicates, UpsertResult } from './store.js';

/** Every comments column but the key: what an upsert overwrites when the row hash differs. */
const UPDATED_COLUMNS = [
  'text',
  'question',
  'posted_at',
  'fetched_at',
  'url',
  'author_hash',
  'stated_ods_code',
  'page_hash',
  'redactions',
  'sentiment_label',
  'sentiment_score',
  'rating',
  'themes',
  'tumour_groups',
  'rare_cancer',
  'ods_code',
  'provider_name',
  'safety',
  'content_hash',
  'simhash',
  'sim_band0',
  'sim_band1',
  'sim_band2',
  'sim_band3',
  'duplicate_of',
  'period',
  'processed_at',
  'attributes',
  'row_hash',
] as const satisfies readonly (keyof CommentsTable)[];

const COMMENT_COLUMNS = UPDATED_COLUMNS.length + 2;

/** Big statements amortise parsing; past a thousand rows they only cost memory. */
const MAX_ROWS_PER_STATEMENT = 1000;

interface PendingComment {
  row: NewCommentRow;
  themes: ThemeSentiment[];
  tumourGroups: TumourGroupId[];
}

const keyOf = (source: string, externalId: string): string => `${source}\u0000${externalId}`;

function rowsPerStatement(hooks: DialectHooks, columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(hooks.maxBindParameters / columns)));
}

/** Keys (among `pending`) that already have a row, looked up per source so the primary key serves it. */
async function findExistingKeys(
  trx: Kysely<Database>,
  hooks: DialectHooks,
  pending: readonly PendingComment[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const [source, group] of groupBy(pending, (p) => p.row.source)) {
    for (const part of chunk(group, hooks.maxBindParameters - 1)) {
      const rows = await trx
        .selectFrom('comments')
        .select('external_id')
        .where('source', '=', source)
        .where(
          'external_id',
          'in',
          part.map((p) => p.row.external_id),
        )
        .execute();
      for (const r of rows) existing.add(keyOf(source, r.external_id));
    }
  }
  return existing;
}

/**
 * Deletes then re-inserts the theme and tumour-group rows of the given comments. Only comments that
 * existed before this transaction can have child rows (the foreign keys see to it), so new ones skip the delete.
 */
async function replaceChildRows(
  trx: Kysely<Database>,
  hooks: DialectHooks,
  written: readonly PendingComment[],
  existed: (p: PendingComment) => boolean,
): Promise<void> {
  for (const [source, group] of groupBy(written.filter(existed), (p) => p.row.source)) {
    for (const part of chunk(group, hooks.maxBindParameters - 1)) {
      const ids = part.map((p) => p.row.external_id);
      await trx.deleteFrom('comment_themes').where('source', '=', source).where('external_id', 'in', ids).execute();
      await trx
        .deleteFrom('comment_tumour_groups')
        .where('source', '=', source)
        .where('external_id', 'in', ids)
        .execute();
    }
  }
  const themeRows = written.flatMap((p) =>
    p.themes.map(
      (t): CommentThemesTable => ({
        source: p.row.source,
        external_id: p.row.external_id,
        theme: t.id,
        sentiment: t.sentiment,
      }),
    ),
  );
  await themeInsertOf(hooks).execute(trx, themeRows, rowsPerStatement(hooks, 4));
  const groupRows = written.flatMap((p) =>
    p.tumourGroups.map(
      (g): CommentTumourGroupsTable => ({ source: p.row.source, external_id: p.row.external_id, tumour_group: g }),
    ),
  );
  await tumourGroupInsertOf(hooks).execute(trx, groupRows, rowsPerStatement(hooks, 3));
}

/**
 * The text an update writes: a purged comment whose content hash is unchanged stays purged. The row
 * hash alone cannot promise that once something else about the row has changed since the purge (a
 * promotion from duplicate to original rewrites duplicate_of), and the purge must not be undone by
 * a source that still serves the old text.
 */
function keepPurgedText(eb: ExpressionBuilder<OnConflictDatabase<Database, 'comments'>, OnConflictTables<'comments'>>) {
  return eb
    .case()
    .when(
      eb.and([
        eb('comments.purged_at', 'is not', null),
        eb('comments.content_hash', '=', eb.ref('excluded.content_hash')),
      ]),
    )
    .then(eb.ref('comments.text'))
    .else(eb.ref('excluded.text'))
    .end();
}

/** Keys (`source\u0000externalId`) among `comments` that have been forgotten. */
async function findForgottenKeys(
  trx: Kysely<Database>,
  hooks: DialectHooks,
  comments: Iterable<ProcessedComment>,
): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const [source, group] of groupBy([...comments], (c) => c.source)) {
    const ids = await forgottenIds(
      trx,
      hooks,
      source,
      group.map((c) => c.externalId),
    );
    for (const id of ids) keys.add(keyOf(source, id));
  }
  return keys;
}

/** The comments upsert: the WHERE on the conflict branch skips identical rows, so RETURNING lists only rows written. */
export const buildCommentUpsert = (db: Kysely<Database>, rows: readonly NewCommentRow[]) =>
  db
    .insertInto('comments')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['source', 'external_id'])
        .doUpdateSet(
          (eb) =>
            ({
              ...Object.fromEntries(UPDATED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
              text: keepPurgedText(eb),
            }) as UpdateObject<Database, 'comments'>,
        )
        .whereRef('comments.row_hash', '<>', 'excluded.row_hash'),
    )
    .returning(['source', 'external_id']);

/** One RepeatedInsert per store handle (its hooks), since the compiled SQL is its dialect's. */
function perHandle<R extends object>(make: () => RepeatedInsert<R>): (hooks: DialectHooks) => RepeatedInsert<R> {
  const inserts = new WeakMap<DialectHooks, RepeatedInsert<R>>();
  return (hooks) => {
    let insert = inserts.get(hooks);
    if (insert === undefined) {
      insert = make();
      inserts.set(hooks, insert);
    }
    return insert;
  };
}

const commentUpsertOf = perHandle(() => new RepeatedInsert(buildCommentUpsert));

export const buildThemeInsert = (db: Kysely<Database>, rows: readonly CommentThemesTable[]) =>
  db.insertInto('comment_themes').values(rows);

export const buildTumourGroupInsert = (db: Kysely<Database>, rows: readonly CommentTumourGroupsTable[]) =>
  db.insertInto('comment_tumour_groups').values(rows);

const themeInsertOf = perHandle(() => new RepeatedInsert(buildThemeInsert, { varyingRowCounts: true }));

const tumourGroupInsertOf = perHandle(() => new RepeatedInsert(buildTumourGroupInsert, { varyingRowCounts: true }));

const rowOf = (p: PendingComment): NewCommentRow => p.row;

function toPending(c: ProcessedComment): PendingComment {
  return { row: commentToRow(c), themes: distinctThemes(c.themes), tumourGroups: distinctTumourGroups(c.tumourGroups) };
}

/**
 * Upserts by (source, externalId). A key repeated within one call is written once (its last
 * occurrence), and counts once. Forgotten keys are dropped and duplicates decided inside the
 * transaction, after lockCommentWrites, so neither check can go stale before the write. Rows are
 * written in key order so concurrent writers of overlapping batches take row locks in the same order.
 * Once the transaction has committed, hooks.afterCommentUpsert does the dialect's upkeep.
 */
export async function upsertComments(
  db: Kysely<Database>,
  hooks: DialectHooks,
  comments: readonly ProcessedComment[],
  resolveDuplicates?: ResolveDuplicates,
): Promise<UpsertResult> {
  if (comments.length === 0) return { inserted: 0, updated: 0, unchanged: 0, forgotten: 0 };
  const byKey = new Map<string, ProcessedComment>();
  for (const c of comments) byKey.set(keyOf(c.source, c.externalId), c);

  if (resolveDuplicates !== undefined) await hooks.warmDuplicateLookup(db);
  const writeBatch = async (trx: Kysely<Database>): Promise<UpsertResult> => {
    await hooks.lockCommentWrites(trx);
    const forgotten = await findForgottenKeys(trx, hooks, byKey.values());
    for (const key of forgotten) byKey.delete(key);
    let kept = [...byKey.values()];
    if (resolveDuplicates !== undefined && kept.length > 0) {
      const lookup: DuplicateLookup = {
        findDuplicateCandidates: (simhashes, maxHammingDistance) =>
          hooks.findDuplicateCandidates(trx, simhashes, maxHammingDistance),
      };
      const decided = await resolveDuplicates(lookup, kept);
      kept = kept.map((c) => {
        const duplicateOf = decided.get(`${c.source}:${c.externalId}`);
        // Copied only when the decision changes it: most comments are no one's duplicate.
        return duplicateOf === undefined || duplicateOf === c.duplicateOf ? c : { ...c, duplicateOf };
      });
    }
    const pending = kept
      .map(toPending)
      .sort((a, b) => compareKeys(keyOf(a.row.source, a.row.external_id), keyOf(b.row.source, b.row.external_id)));

    const existing = await findExistingKeys(trx, hooks, pending);
    const existed = (p: PendingComment) => existing.has(keyOf(p.row.source, p.row.external_id));
    const returned = await commentUpsertOf(hooks).execute<{ source: string; external_id: string }>(
      trx,
      pending.map(rowOf),
      rowsPerStatement(hooks, COMMENT_COLUMNS),
    );
    const writtenKeys = new Set(returned.map((r) => keyOf(r.source, r.external_id)));
    const written = pending.filter((p) => writtenKeys.has(keyOf(p.row.source, p.row.external_id)));
    await replaceChildRows(trx, hooks, written, existed);
    let inserted = 0;
    for (const p of written) if (!existed(p)) inserted += 1;
    return {
      inserted,
      updated: written.length - inserted,
      unchanged: pending.length - written.length,
      forgotten: forgotten.size,
    };
  };
  // Bounded: a batch's statements are short, so a worker cut off from the server gives it up in time.
  const result = await hooks.writeTransaction(db, writeBatch, { bounded: true });
  await hooks.afterCommentUpsert?.(db);
  return result;
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deletes a comment and its child rows (explicitly, so it holds even where foreign keys are off),
 * then promotes its earliest duplicate to original.
 */
export async function deleteComment(
  db: Kysely<Database>,
  hooks: DialectHooks,
  source: string,
  externalId: string,
): Promise<boolean> {
  return hooks.writeTransaction(db, async (trx) => {
    await hooks.lockCommentWrites(trx);
    await trx.deleteFrom('comment_themes').where('source', '=', source).where('external_id', '=', externalId).execute();
    await trx
      .deleteFrom('comment_tumour_groups')
      .where('source', '=', source)
      .where('external_id', '=', externalId)
      .execute();
    const result = await trx
      .deleteFrom('comments')
      .where('source', '=', source)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    await promoteDuplicatesOf(trx, source, externalId);
    return true;
  });
}
