/**
 * Data versions (migration 010): a random token per dataset a reader keeps in memory (the derived
 * scores and triangulation, and the API keys), replaced inside the transaction that writes the
 * dataset. A reader that saw token T and sees T again knows nothing was written since, in this
 * process or any other; random rather than a counter, so a rebuilt store never repeats one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export const VERSIONED_DATASETS = ['aggregates', 'triangulation', 'api_keys'] as const;
export type VersionedDataset = (typeof VERSIONED_DATASETS)[number];

/** Per dataset, its current token; `none` for a dataset never written since migration 010. */
export type DataVersions = Readonly<Record<VersionedDataset, string>>;

/** Call inside the transaction that writes `dataset`, so the token changes exactly when the data does. */
export async function bumpDataVersion(trx: Kysely<Database>, dataset: VersionedDataset): Promise<void> {
  const version = randomUUID();
  await trx
    .insertInto('data_versions')
    .values({ dataset, version })
    .onConflict((oc) => oc.column('dataset').doUpdateSet({ version }))
    .execute();
}

export async function readDataVersions(db: Kysely<Database>): Promise<DataVersions> {
  const rows = await db.selectFrom('data_versions').select(['dataset', 'version']).execute();
  const found = new Map(rows.map((r) => [r.dataset, r.version]));
  return {
    aggregates: found.get('aggregates') ?? 'none',
    triangulation: found.get('triangulation') ?? 'none',
    api_keys: found.get('api_keys') ?? 'none',
  };
}
