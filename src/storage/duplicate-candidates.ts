/**
 * The duplicate-candidate lookup, in two steps. First the SimHashes of stored comments that share a
 * 16-bit band (in the same position) with a requested one, read from the band indexes alone
 * (migration 011 made them (band, simhash)); those beyond the Hamming distance are dropped here.
 * Then the rows of the SimHashes left, usually none or a handful. Band neighbours grow with the table
 * (four bands of 16 bits: n / 16,384 per SimHash by chance), and reading each one's row was what made
 * the lookup slow down as a store grew.
 */
import type { Kysely } from 'kysely';
import type { Hash64 } from '../domain/dedupe/fnv1a64.js';
import { hammingDistanceOfHalves, simhashHalves } from '../domain/dedupe/simhash.js';
import { chunk } from './chunk.js';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';
import { normaliseSimhash, simhashBands } from './simhash-bands.js';
import type { DuplicateCandidate } from './store.js';

const BAND_COLUMNS = ['sim_band0', 'sim_band1', 'sim_band2', 'sim_band3'] as const;

/** Most values one lookup statement binds: large enough for any batch, small enough to plan quickly. */
const MAX_VALUES_PER_STATEMENT = 10_000;

/** The four 16-bit bands of a SimHash's halves, in `simhashBands` order. */
const bandsOf = ({ high, low }: Hash64): readonly number[] => [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff];

const bandKey = (position: number, band: number): number => position * 0x10000 + band;

/**
 * Stored SimHashes sharing a band with one of `requested` (lower-case, distinct) and, when
 * `maxHammingDistance` is given, within it of such a requested SimHash.
 */
async function nearSimhashes(
  db: Kysely<Database>,
  hooks: DialectHooks,
  requested: readonly string[],
  maxHammingDistance: number | undefined,
): Promise<Set<string>> {
  const near = new Set<string>();
  const perStatement = Math.floor(Math.min(hooks.maxBindParameters, MAX_VALUES_PER_STATEMENT) / 4);
  for (const part of chunk(requested, perStatement)) {
    // Requested SimHashes by band key, to compare each stored one with its band neighbours only.
    const byBand = new Map<number, Hash64[]>();
    const bands = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
    for (const simhash of part) {
      const parsed = simhashHalves(simhash);
      bandsOf(parsed).forEach((band, position) => {
        bands[position]!.add(band);
        const key = bandKey(position, band);
        const bucket = byBand.get(key);
        if (bucket) bucket.push(parsed);
        else byBand.set(key, [parsed]);
      });
    }
    // One select per band, each answered by its (band, simhash) index without touching the table.
    const [first, ...rest] = BAND_COLUMNS.map((column, position) =>
      db
        .selectFrom('comments')
        .select('simhash')
        .where(column, 'in', [...bands[position]!]),
    );
    let query = first!;
    for (const select of rest) query = query.unionAll(select);
    const seen = new Set<string>();
    for (const { simhash } of await query.execute()) {
      if (seen.has(simhash)) continue;
      seen.add(simhash);
      if (maxHammingDistance === undefined || isNear(simhash, byBand, maxHammingDistance)) near.add(simhash);
    }
  }
  return near;
}

/** `simhash` comes from the store, which keeps SimHashes as 16 lower-case hex digits. */
function isNear(simhash: string, byBand: ReadonlyMap<number, Hash64[]>, maxHammingDistance: number): boolean {
  const stored = simhashHalves(simhash);
  const bands = bandsOf(stored);
  for (let position = 0; position < 4; position++) {
    for (const requested of byBand.get(bandKey(position, bands[position]!)) ?? []) {
      if (hammingDistanceOfHalves(stored, requested) <= maxHammingDistance) return true;
    }
  }
  return false;
}

async function rowsWithSimhashes(
  db: Kysely<Database>,
  hooks: DialectHooks,
  simhashes: readonly string[],
): Promise<DuplicateCandidate[]> {
  const found: DuplicateCandidate[] = [];
  const perStatement = Math.floor(Math.min(hooks.maxBindParameters, MAX_VALUES_PER_STATEMENT) / 2);
  for (const part of chunk(simhashes, perStatement)) {
    // The first band narrows the (sim_band0, simhash) index to the right entries.
    const firstBands = [...new Set(part.map((simhash) => simhashBands(simhash)[0]))];
    const rows = await db
      .selectFrom('comments')
      .select(['source', 'external_id', 'content_hash', 'simhash', 'duplicate_of'])
      .where('sim_band0', 'in', firstBands)
      .where('simhash', 'in', part)
      .execute();
    for (const r of rows) {
      found.push({
        key: `${r.source}:${r.external_id}`,
        contentHash: r.content_hash,
        simhash: r.simhash,
        duplicateOf: r.duplicate_of,
      });
    }
  }
  return found;
}

/**
 * Stored comments whose SimHash has the same 16 bits as one of `simhashes` in one of the four band
 * positions and, when `maxHammingDistance` is given, lies within it of such a SimHash; sorted by key.
 * That includes every comment with the same content hash: both hashes are taken from the same
 * normalised text, so equal texts have equal SimHashes (hence no content-hash index: migration 009).
 */
export async function findDuplicateCandidates(
  db: Kysely<Database>,
  hooks: DialectHooks,
  simhashes: readonly string[],
  maxHammingDistance?: number,
): Promise<DuplicateCandidate[]> {
  const requested = [...new Set(simhashes.map(normaliseSimhash))];
  if (requested.length === 0) return [];
  const near = await nearSimhashes(db, hooks, requested, maxHammingDistance);
  const found = await rowsWithSimhashes(db, hooks, [...near]);
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
