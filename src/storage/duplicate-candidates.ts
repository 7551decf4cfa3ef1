/**
 * The duplicate-candidate lookup through the SimHash band indexes (PostgreSQL), in two steps. First
 * the SimHashes of stored comments that share a 16-bit band (in the same position) with a requested
 * one, read from the band indexes alone (migration 011 made them (band, simhash)); those beyond the
 * Hamming distance are dropped here. Then the rows of the SimHashes left, usually none or a handful.
 * Band neighbours grow with the table (four bands of 16 bits: n / 16,384 per SimHash by chance), and
 * reading each one's row was what made the lookup slow down as a store grew.
 *
 * SQLite keeps its band neighbours in memory instead (sqlite/journal-duplicate-candidates.ts).
 */
import type { Kysely } from 'kysely';
import { simhashHalves } from '../domain/dedupe/simhash.js';
import { chunk } from './chunk.js';
import { CANDIDATE_COLUMNS, candidateOf, RequestedSimhashes, sortByKey } from './requested-simhashes.js';
import type { Database } from './schema.js';
import { bandOf } from './simhash-bands.js';
import type { DuplicateCandidate } from './store.js';

const BAND_COLUMNS = ['sim_band0', 'sim_band1', 'sim_band2', 'sim_band3'] as const;

/** Most values one lookup statement binds: large enough for any batch, small enough to plan quickly. */
const MAX_VALUES_PER_STATEMENT = 10_000;

/** Stored SimHashes that `requested` accepts (see RequestedSimhashes). */
async function nearSimhashes(
  db: Kysely<Database>,
  maxBindParameters: number,
  requested: RequestedSimhashes,
  maxHammingDistance: number | undefined,
): Promise<Set<string>> {
  const near = new Set<string>();
  const perStatement = Math.floor(Math.min(maxBindParameters, MAX_VALUES_PER_STATEMENT) / 4);
  for (const part of chunk(requested.hashes, perStatement)) {
    // One select per band, each answered by its (band, simhash) index without touching the table.
    const [first, ...rest] = BAND_COLUMNS.map((column, position) =>
      db
        .selectFrom('comments')
        .select('simhash')
        .where(column, 'in', [...new Set(part.map((hash) => bandOf(hash, position)))]),
    );
    let query = first!;
    for (const select of rest) query = query.unionAll(select);
    const seen = new Set<string>();
    for (const { simhash } of await query.execute()) {
      if (seen.has(simhash)) continue;
      seen.add(simhash);
      // Stored SimHashes are 16 lower-case hex digits (normaliseSimhash on every write).
      if (requested.accepts(simhashHalves(simhash), maxHammingDistance)) near.add(simhash);
    }
  }
  return near;
}

async function rowsWithSimhashes(
  db: Kysely<Database>,
  maxBindParameters: number,
  simhashes: readonly string[],
): Promise<DuplicateCandidate[]> {
  const found: DuplicateCandidate[] = [];
  const perStatement = Math.floor(Math.min(maxBindParameters, MAX_VALUES_PER_STATEMENT) / 2);
  for (const part of chunk(simhashes, perStatement)) {
    // The first band narrows the (sim_band0, simhash) index to the right entries.
    const firstBands = [...new Set(part.map((simhash) => bandOf(simhashHalves(simhash), 0)))];
    const rows = await db
      .selectFrom('comments')
      .select(CANDIDATE_COLUMNS)
      .where('sim_band0', 'in', firstBands)
      .where('simhash', 'in', part)
      .execute();
    for (const r of rows) found.push(candidateOf(r));
  }
  return found;
}

/**
 * Stored comments whose SimHash has the same 16 bits as one of `simhashes` in one of the four band
 * positions and, when `maxHammingDistance` is given, lies within it of such a SimHash; sorted by key.
 * That includes every comment with the same content hash: both hashes are taken from the same
 * normalised text, so equal texts have equal SimHashes (hence no content-hash index: migration 009).
 */
export async function findDuplicateCandidatesByBandIndexes(
  db: Kysely<Database>,
  maxBindParameters: number,
  simhashes: readonly string[],
  maxHammingDistance?: number,
): Promise<DuplicateCandidate[]> {
  const requested = new RequestedSimhashes(simhashes);
  if (requested.hashes.length === 0) return [];
  const near = await nearSimhashes(db, maxBindParameters, requested, maxHammingDistance);
  return sortByKey(await rowsWithSimhashes(db, maxBindParameters, [...near]));
}
