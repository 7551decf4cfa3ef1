import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistanceOfHalves } from '../../../src/domain/dedupe/simhash.js';
import { SimhashBandIndex } from '../../../src/storage/simhash-band-index.js';
import { bandOf } from '../../../src/storage/simhash-bands.js';

const half = fc.integer({ min: 0, max: 0xffffffff });
// Few distinct band values, so that shared bands (and long chains) are common.
const nearbyHalf = fc
  .tuple(fc.constantFrom(0x1234, 0xabcd, 0xffff), fc.constantFrom(0x0000, 0x00f0, 0x8001))
  .map(([top, bottom]) => ((top << 16) | bottom) >>> 0);
const hash = fc.record({ high: fc.oneof(half, nearbyHalf), low: fc.oneof(half, nearbyHalf) });

/** What the index must answer, by looking at every entry. */
function bruteForce(
  entries: readonly { ref: number; hash: { high: number; low: number } }[],
  probe: { high: number; low: number },
  maxHammingDistance: number | undefined,
): number[] {
  return entries
    .filter(
      (e) =>
        [0, 1, 2, 3].some((position) => bandOf(e.hash, position) === bandOf(probe, position)) &&
        (maxHammingDistance === undefined || hammingDistanceOfHalves(e.hash, probe) <= maxHammingDistance),
    )
    .map((e) => e.ref);
}

describe('SimhashBandIndex', () => {
  it('visits exactly the entries sharing a band in the same position, within the distance when given', () => {
    fc.assert(
      fc.property(
        fc.array(hash, { maxLength: 3000 }),
        fc.array(hash, { minLength: 1, maxLength: 20 }),
        fc.option(fc.integer({ min: 0, max: 64 }), { nil: undefined }),
        (hashes, probes, maxHammingDistance) => {
          const index = new SimhashBandIndex();
          const entries = hashes.map((h, i) => ({ ref: 2 ** 40 + i, hash: h }));
          for (const e of entries) index.add(e.ref, e.hash);
          expect(index.size).toBe(entries.length);
          for (const probe of probes) {
            const visited = new Set<number>();
            index.forEachNeighbour(probe, maxHammingDistance, (ref) => visited.add(ref));
            expect([...visited].sort((a, b) => a - b)).toEqual(bruteForce(entries, probe, maxHammingDistance));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('grows chunk by chunk without losing an entry, 32 bytes an entry', () => {
    const index = new SimhashBandIndex();
    const heads = 4 * 0x10000 * 4;
    expect(index.bytes).toBe(heads);
    const count = 40_000; // three chunks of 16,384
    for (let i = 0; i < count; i++) index.add(i * 3, { high: 0x12340000 + i, low: i });
    expect(index.size).toBe(count);
    expect(index.bytes).toBe(heads + 3 * 16_384 * 32);
    const visited: number[] = [];
    // Every entry shares the first band (0x1234).
    index.forEachNeighbour({ high: 0x1234ffff, low: 0xffffffff }, undefined, (ref) => visited.push(ref));
    expect(visited.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i * 3));
    // And each is still found by its own SimHash, whichever chunk holds it.
    for (const i of [0, 16_383, 16_384, 32_768, count - 1]) {
      const exact: number[] = [];
      index.forEachNeighbour({ high: 0x12340000 + i, low: i }, 0, (ref) => exact.push(ref));
      // Once per band it shares with itself.
      expect(exact).toEqual([i * 3, i * 3, i * 3, i * 3]);
    }
  });

  it('visits an entry once for each band it shares, and an entry added twice twice over', () => {
    const index = new SimhashBandIndex();
    index.add(7, { high: 1, low: 2 });
    index.add(7, { high: 1, low: 2 });
    index.add(8, { high: 1, low: 0xffff0000 });
    const visited: number[] = [];
    index.forEachNeighbour({ high: 1, low: 2 }, undefined, (ref) => visited.push(ref));
    // 7 shares all four bands, twice over; 8 shares the first two.
    expect(visited.sort()).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 8, 8]);
  });
});
