/**
 * PostgreSQL's duplicate-candidate lookup for one comment write, split around the write lock. Before
 * the lock: the highest write number committed (migration 014), then the band neighbours of the
 * write's SimHashes through the band indexes, the costly part. Inside the lock: the SimHashes of
 * comments written since that number, usually another writer's batch or two, then the rows of the
 * SimHashes within the distance, read as they are now (a comment deleted or rewritten since the
 * neighbours were read has gone, or no longer has that SimHash).
 *
 * Nothing is missed: a comment now stored either kept its SimHash since before that number was read,
 * so the band lookup (which came after) saw it, or took a higher number when it was written or its
 * SimHash changed. Numbers follow commit order because every comment writer holds the write lock.
 */
import { type Kysely, sql } from 'kysely';
import type { PreparedDuplicateLookup } from '../dialect-hooks.js';
import {
  acceptedSimhashes,
  bandNeighbourSimhashes,
  findDuplicateCandidatesByBandIndexes,
  rowsWithSimhashes,
} from '../duplicate-candidates.js';
import { RequestedSimhashes, sortByKey } from '../requested-simhashes.js';
import type { Database } from '../schema.js';
import { normaliseSimhash } from '../simhash-bands.js';

/** The SimHashes that normalise; a malformed one is left for the lookup inside the transaction to reject. */
function validSimhashes(simhashes: readonly string[]): string[] {
  const valid: string[] = [];
  for (const simhash of simhashes) {
    try {
      valid.push(normaliseSimhash(simhash));
    } catch {
      // Rejected, with its reason, if the write asks about it.
    }
  }
  return valid;
}

/** The highest write number among committed comments, as PostgreSQL's bigint text; '0' before any. */
async function highestWriteNumber(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ through: string }>`
    select coalesce(max(write_seq), 0)::text as through from comments`.execute(db);
  return rows[0]?.through ?? '0';
}

async function simhashesWrittenSince(trx: Kysely<Database>, through: string): Promise<string[]> {
  const { rows } = await sql<{ simhash: string }>`
    select simhash from comments where write_seq > ${through}::bigint`.execute(trx);
  return rows.map((r) => r.simhash);
}

/** DialectHooks.prepareDuplicateLookup for PostgreSQL. */
export async function prefetchDuplicateCandidates(
  db: Kysely<Database>,
  maxBindParameters: number,
  simhashes: readonly string[],
): Promise<PreparedDuplicateLookup> {
  const prefetched = new Set(validSimhashes(simhashes));
  // The number first: whatever committed up to it, the band lookup below sees.
  const through = await highestWriteNumber(db);
  const neighbours = await bandNeighbourSimhashes(
    db,
    maxBindParameters,
    new RequestedSimhashes([...prefetched]).hashes,
  );
  return {
    async find(trx, asked, maxHammingDistance) {
      const requested = new RequestedSimhashes(asked);
      if (requested.hashes.length === 0) return [];
      if (!asked.every((simhash) => prefetched.has(normaliseSimhash(simhash)))) {
        return findDuplicateCandidatesByBandIndexes(trx, maxBindParameters, asked, maxHammingDistance);
      }
      const written = await simhashesWrittenSince(trx, through);
      const near = acceptedSimhashes(requested, [...neighbours, ...written], maxHammingDistance);
      return sortByKey(await rowsWithSimhashes(trx, maxBindParameters, near));
    },
  };
}
