import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedactedComment } from '../../../src/domain/model.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import type { ImportedFile, ImportKind } from '../../../src/storage/import-types.js';
import { syntheticCpes } from '../../unit/triangulation-service/synthetic-cpes.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  type TempStore,
} from './support/pipeline-fixtures.js';

let temp: TempStore;
let handlers: StageHandlers;

function comment(
  externalId: string,
  odsCode: string,
  positive: boolean,
  postedAt = '2024-04-20T10:00:00.000Z',
): RedactedComment {
  return {
    source: 'sample',
    externalId,
    // Unique texts, so none is a duplicate of another.
    text: `${positive ? 'great' : 'awful'} sarcoma care, comment ${externalId} at ${odsCode}`,
    postedAt,
    fetchedAt: '2024-05-02T09:00:00.000Z',
    odsCode,
    pageHash: 'p'.repeat(64),
    redactions: [],
  };
}

/** `positive` of `n` comments at one trust. */
function trustComments(odsCode: string, n: number, positive: number): RedactedComment[] {
  return Array.from({ length: n }, (_, i) => comment(`${odsCode}-${i}`, odsCode, i < positive));
}

beforeEach(async () => {
  temp = await openTempStore();
  handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock('2024-06-01T02:00:00.000Z'),
    exportDir: temp.dir,
  });
  const all = [...trustComments('RAA', 120, 90), ...trustComments('RBB', 120, 60), ...trustComments('RCC', 2, 0)];
  for (let i = 0; i < all.length; i += 100) {
    await handlers.process(
      stagePayloadSchemas.process.parse({ source: 'sample', batchId: `b${i}`, comments: all.slice(i, i + 100) }),
      recordingHelpers(),
    );
  }
});

afterEach(async () => {
  await temp.cleanup();
});

const aggregate = (payload: Record<string, unknown> = {}) =>
  handlers.aggregate(stagePayloadSchemas.aggregate.parse(payload), recordingHelpers());

describe('aggregate stage', () => {
  it('stores shrunken shares with intervals, wide for small cells', async () => {
    const summary = await aggregate();
    // 3 trusts × theme {all} × group {sarcoma, all}; no survey imported, so nothing to triangulate.
    expect(summary).toEqual({ cells: 6, periods: 1, triangulation: 'no_cpes_rows' });
    const rows = await temp.store.listAggregates({ theme: 'all', tumourGroup: 'sarcoma' });
    const byTrust = new Map(rows.map((row) => [row.odsCode, row]));
    const big = byTrust.get('RAA')!;
    const small = byTrust.get('RCC')!;
    expect(big).toMatchObject({ n: 120, positive: 90, computedAt: '2024-06-01T02:00:00.000Z' });
    expect(big.positiveShare).toBeGreaterThan(0.6);
    expect(big.positiveShare).toBeLessThan(0.75); // pulled a little toward the national 150/242
    expect(small.positiveShare).toBeGreaterThan(0.2); // raw 0/2, pulled hard toward the national share
    expect(small.positiveShareUpper - small.positiveShareLower).toBeGreaterThan(
      2 * (big.positiveShareUpper - big.positiveShareLower),
    );
    for (const row of rows) {
      expect(row.positiveShareLower).toBeLessThanOrEqual(row.positiveShare);
      expect(row.positiveShareUpper).toBeGreaterThanOrEqual(row.positiveShare);
    }
    expect((await temp.store.lastRuns()).some((run) => run.kind === 'aggregate')).toBe(true);
  });

  it('replaces a period whose comments are gone, leaving no stale cells', async () => {
    await aggregate();
    for (let i = 0; i < 2; i++) await temp.store.deleteComment('sample', `RCC-${i}`);
    await aggregate({ periodFrom: '2024-04', periodTo: '2024-04' });
    const rows = await temp.store.listAggregates({ odsCode: 'RCC' });
    expect(rows).toEqual([]);
    expect((await temp.store.listAggregates({})).length).toBe(4);
  });

  it('recomputes triangulation only when its inputs changed', async () => {
    const file = (kind: ImportKind, digit: string, rows: number): ImportedFile => ({
      sha256: digit.repeat(64),
      kind,
      layout: `${kind}-test`,
      fileName: `${kind}.csv`,
      importedAt: '2024-05-01T00:00:00.000Z',
      rowsRead: rows,
      rowsStored: rows,
    });
    const cpes = syntheticCpes();
    await temp.store.importCpesScores(file('cpes', 'a', cpes.length), cpes);
    const triangulation = async () => ((await aggregate()) as { triangulation: string }).triangulation;
    expect(await triangulation()).toBe('recomputed');
    const first = await temp.store.listTriangulation({}, { limit: 1000 });
    expect(await triangulation()).toBe('inputs_unchanged');
    expect(await temp.store.listTriangulation({}, { limit: 1000 })).toEqual(first);

    // One more comment changes the comment aggregates.
    await handlers.process(
      stagePayloadSchemas.process.parse({
        source: 'sample',
        batchId: 'late',
        comments: [comment('late', 'RAA', true)],
      }),
      recordingHelpers(),
    );
    expect(await triangulation()).toBe('recomputed');
    expect(await triangulation()).toBe('inputs_unchanged');

    // So does a new import of any kind the triangulation reads.
    await temp.store.importComplaintCounts(file('complaints', 'b', 1), [
      {
        period: '2030-31 Q1',
        financialYear: '2030-31',
        quarter: 1,
        odsCode: 'RA1',
        siteCode: null,
        subjectArea: 'Communications',
        complaints: 3,
        themes: ['information_communication'],
      },
    ]);
    expect(await triangulation()).toBe('recomputed');
    expect(await triangulation()).toBe('inputs_unchanged');
  });
});
