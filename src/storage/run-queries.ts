/** Run records: what each collect / process / aggregate / export run did, newest per kind and source. */
import type { Kysely } from 'kysely';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';
import type { RunRecord } from './store.js';

/** Idempotent by run id: recording the same id again replaces it. */
export async function recordRun(db: Kysely<Database>, hooks: DialectHooks, run: RunRecord): Promise<void> {
  const row = {
    id: run.id,
    kind: run.kind,
    source: run.source ?? null,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    status: run.status,
    counts: JSON.stringify(run.counts),
    message: run.message ?? null,
  };
  const { id: _id, ...changes } = row;
  await hooks.writeTransaction(db, (trx) =>
    trx
      .insertInto('runs')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute(),
  );
}

/** Newest by start time per (kind, source), ordered by kind then source. */
export async function lastRuns(db: Kysely<Database>): Promise<RunRecord[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('runs')
        .selectAll()
        .select((inner) =>
          inner.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy(['kind', 'source']).orderBy('started_at', 'desc').orderBy('id', 'desc'))
            .as('recency'),
        )
        .as('ranked'),
    )
    .selectAll()
    .where('recency', '=', 1)
    .orderBy('kind')
    .orderBy('source')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    ...(r.source !== null && { source: r.source }),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status as RunRecord['status'],
    counts: JSON.parse(r.counts) as Record<string, number>,
    ...(r.message !== null && { message: r.message }),
  }));
}
