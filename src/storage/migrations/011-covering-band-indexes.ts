/**
 * Each SimHash band index also carries the SimHash, so the duplicate-candidate lookup
 * (src/storage/comment-queries.ts) reads band neighbours from the index alone and fetches rows only
 * for the few within the distance. Band neighbours grow with the table (at a million comments, some
 * sixty per SimHash by chance alone); fetching each of their rows made the lookup the largest part
 * of a batch's store time as the table grew (docs/BENCHMARKS.md).
 */
import type { Kysely, Migration } from 'kysely';

const BANDS = [0, 1, 2, 3] as const;

async function up(db: Kysely<unknown>): Promise<void> {
  for (const band of BANDS) {
    await db.schema
      .createIndex(`comments_sim_band${band}_simhash_idx`)
      .on('comments')
      .columns([`sim_band${band}`, 'simhash'])
      .execute();
    await db.schema.dropIndex(`comments_sim_band${band}_idx`).ifExists().execute();
  }
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const band of BANDS) {
    await db.schema.createIndex(`comments_sim_band${band}_idx`).on('comments').column(`sim_band${band}`).execute();
    await db.schema.dropIndex(`comments_sim_band${band}_simhash_idx`).execute();
  }
}

export const coveringBandIndexesMigration: Migration = { up, down };
