/**
 * The duplicate-candidate lookup through the SimHash band indexes (PostgreSQL), in two steps. First
 * the SimHashes of stored comments that share a 16-bit band (in the same position) with a requested
 * one, read from the band indexes alone (migration 011 made them (band, simhash)); those beyond the
 * Hamming distance are dropped here. Then the rows of the SimHashes left, usually none or a handful.
 * Band neighbours grow with the table (four bands of 16 bits: n / 16,384 per SimHash by chance), and
 * reading each one's row was what made the lookup slow down as a store grew.
 *
 * A comment write reads the band neighbours before it takes the write lock and, inside it, only the
 * SimHashes written since (postgres/prefetched-duplicate-candidates.ts). SQLite keeps its band
 * neighbours in memory instead (sqlite/journal-duplicate-candidates.ts).
 */
import type { Kysely } from 'kysely';
import type { Hash64 } from '../domain/dedupe/fnv1a64.js';
import { simhashHalves } from '../domain/dedupe/simhash.js';
import { chunk } from './chunk.js';
import { CANDIDATE_COLUMNS, candidateOf, RequestedSimhashes, sortByKey } from './requested-simhashes.js';
import type { Database } from './schema.js';
import { bandOf } from './simhash-bands.js';
import type { DuplicateCandidate } from './store.js';

const BAND_COLUMNS = ['sim_band0', 'sim_band1', 'sim_band2', 'sim_band3'] as const;

/** Most values one lookup statement binds: large enough for any batch, small enough to plan quickly. */
const MAX_VALUES_PER_STATEMENT = 10_000;

/**
 * Stored SimHashes (distinct) sharing a 16-bit band in the same position with one of `hashes`,
 * whatever their distance: read from the band indexes alone, one select per band.
 */
export async function bandNeighbourSimhashes(
  db: Kysely<Database>,
  maxBindParameters: number,
  hashes: readonly Hash64[],
): Promise<string[]> {
  const neighbours = new Set<string>();
  const perStatement = Math.floor(Math.min(maxBindParameters, MAX_VALUES_PER_STATEMENT) / 4);
  for (const part of chunk(hashes, perStatement)) {
    const [first, ...rest] = BAND_COLUMNS.map((column, position) =>
      db
        .selectFrom('comments')
        .select('simhash')
        .where(column, 'in', [...new Set(part.map((hash) => bandOf(hash, position)))]),
    );
    let query = first!;
    for (const select of rest) query = query.unionAll(select);
    for (const { simhash } of await query.execute()) neighbours.add(simhash);
  }
  return [...neighbours];
}

/** Those of `stored` (SimHashes as stored: 16 lower-case hex digits) that `requested` accepts. */
export function acceptedSimhashes(
  requested: RequestedSimhashes,
  stored: Iterable<string>,
  maxHammingDistance: number | undefined,
): string[] {
  const accepted = new Set<string>();
  for (const simhash of stored) {
    if (!accepted.has(simhash) && requested.accepts(simhashHalves(simhash), maxHammingDistance)) accepted.add(simhash);
  }
  return [...accepted];
}

/** The candidate rows of the comments whose SimHash is one of `simhashes`. */
export async function rowsWithSimhashes(
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
  const neighbours = await bandNeighbourSimhashes(db, maxBindParameters, requested.hashes);
  const near = acceptedSimhashes(requested, neighbours, maxHammingDistance);
  return sortByKey(await rowsWithSimhashes(db, maxBindParameters, near));
}
