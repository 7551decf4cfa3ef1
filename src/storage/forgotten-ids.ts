/** Which keys of one source have been forgotten: read by forgottenIds and inside every comment upsert. */
import type { Kysely } from 'kysely';
import { chunk } from './chunk.js';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';

/** The subset of `externalIds` (of one source) that has been forgotten. */
export async function forgottenIds(
  db: Kysely<Database>,
  hooks: DialectHooks,
  source: string,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk([...new Set(externalIds)], hooks.maxBindParameters - 1)) {
    const rows = await db
      .selectFrom('forgotten_comments')
      .select('external_id')
      .where('source', '=', source)
      .where('external_id', 'in', part)
      .execute();
    for (const row of rows) found.add(row.external_id);
  }
  return found;
}
