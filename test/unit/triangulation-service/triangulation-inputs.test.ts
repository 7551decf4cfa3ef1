import { describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../../src/storage/import-types.js';
import { triangulationFingerprint } from '../../../src/triangulation/triangulation-inputs.js';
import { syntheticCommentAggregates } from './synthetic-cpes.js';

const file: ImportedFile = {
  sha256: 'a'.repeat(64),
  kind: 'cpes',
  layout: 'cpes-2018',
  fileName: 'cpes.csv',
  importedAt: '2030-01-01T00:00:00.000Z',
  rowsRead: 10,
  rowsStored: 10,
};
const names = new Map([['RA1', 'FIRST SYNTHETIC TRUST']]);
const aggregates = syntheticCommentAggregates(['breast']);
const base = () => triangulationFingerprint([file], aggregates, { intervalSteps: 7 }, names);

describe('triangulationFingerprint', () => {
  it('is the same for the same inputs, whatever their order or when the aggregates were computed', () => {
    const recomputed = aggregates.map((a) => ({ ...a, computedAt: '2031-01-01T00:00:00.000Z' })).reverse();
    expect(triangulationFingerprint([file], recomputed, { intervalSteps: 7 }, names)).toBe(base());
    expect(base()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a file, a re-import, an aggregate figure, a setting or a trust name', () => {
    const changed = [
      triangulationFingerprint(
        [file, { ...file, sha256: 'b'.repeat(64), kind: 'fft' }],
        aggregates,
        { intervalSteps: 7 },
        names,
      ),
      triangulationFingerprint(
        [{ ...file, importedAt: '2030-02-01T00:00:00.000Z' }],
        aggregates,
        { intervalSteps: 7 },
        names,
      ),
      triangulationFingerprint(
        [file],
        [{ ...aggregates[0]!, n: aggregates[0]!.n + 1 }, ...aggregates.slice(1)],
        { intervalSteps: 7 },
        names,
      ),
      triangulationFingerprint([file], aggregates, { intervalSteps: 2 }, names),
      triangulationFingerprint([file], aggregates, { intervalSteps: 7 }, new Map([['RA1', 'RENAMED TRUST']])),
    ];
    for (const fingerprint of changed) expect(fingerprint).not.toBe(base());
  });
});
