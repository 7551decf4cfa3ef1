import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { divergenceAlertId, type NewAlert, safetyAlertId } from '../../../../src/alerts/alert.js';
import type { RedactedComment } from '../../../../src/domain/model.js';
import type { ExportManifest } from '../../../../src/export/write-export.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../../src/pipeline/stage-handlers.js';
import type { Store } from '../../../../src/storage/store.js';
import { refreshTriangulation } from '../../../../src/triangulation/refresh-triangulation.js';
import { syntheticCpes } from '../../../unit/triangulation-service/synthetic-cpes.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  recordingHelpers,
  type TempStore,
} from '../../pipeline/support/pipeline-fixtures.js';

/** A temp SQLite store filled through the real process and aggregate stages with synthetic comments. */

export interface ExportFixture extends TempStore {
  exportDir: string;
  handlers: StageHandlers;
}

export function syntheticComment(externalId: string, odsCode: string, text: string): RedactedComment {
  return {
    source: 'sample',
    externalId,
    text,
    postedAt: '2024-04-20T10:00:00.000Z',
    fetchedAt: '2024-05-02T09:00:00.000Z',
    url: `https://example.org/stories/${externalId}`,
    authorHash: 'a'.repeat(64),
    odsCode,
    pageHash: 'p'.repeat(64),
    redactions: [],
  };
}

/** Seven positive comments for RAA (an unsuppressed cell) and one hostile one for RBB (suppressed). */
export function defaultComments(): RedactedComment[] {
  return [
    ...Array.from({ length: 7 }, (_, i) => syntheticComment(`raa-${i}`, 'RAA', `great breast care, visit number ${i}`)),
    syntheticComment('rbb-1', 'RBB', '=HYPERLINK("http://evil") awful wait, "quoted", and a\nnew line'),
  ];
}

export async function openExportFixture(
  comments: RedactedComment[] = defaultComments(),
  clockIso = '2024-06-01T03:00:00.000Z',
): Promise<ExportFixture> {
  const temp = await openTempStore();
  const exportDir = join(temp.dir, 'exports');
  const handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock(clockIso),
    exportDir,
  });
  await handlers.process(
    stagePayloadSchemas.process.parse({ source: 'sample', batchId: 'b1', comments }),
    recordingHelpers(),
  );
  await handlers.aggregate(stagePayloadSchemas.aggregate.parse({}), recordingHelpers());
  return { ...temp, exportDir, handlers };
}

/**
 * Imports the synthetic CPES year (twelve trusts; sarcoma always withheld, skin at half of them) and
 * triangulates it. Trust RA1 is named with a formula, to show CSV neutralisation.
 */
export async function addSyntheticTriangulation(store: Store, trusts?: readonly string[]): Promise<void> {
  const rows = syntheticCpes(trusts);
  await store.importCpesScores(
    {
      sha256: 'c'.repeat(64),
      kind: 'cpes',
      layout: 'cpes-2018',
      fileName: 'synthetic-cpes.csv',
      importedAt: '2030-01-01T00:00:00.000Z',
      rowsRead: rows.length,
      rowsStored: rows.length,
    },
    rows,
  );
  const outcome = await refreshTriangulation(store, {
    intervalSteps: 0,
    trustNames: new Map([['RA1', '=HYPERLINK("http://evil")']]),
    clock: fixedClock('2030-01-02T00:00:00.000Z'),
  });
  if (outcome.status !== 'ok') throw new Error(`synthetic triangulation did not run: ${outcome.reason}`);
}

/** A `deteriorating` divergence alert for RAA's waiting times (exported). */
export function syntheticDivergenceAlert(period = '2024-04'): NewAlert {
  return {
    id: divergenceAlertId('deteriorating', 'RAA', 'waiting_times', period),
    type: 'divergence',
    kind: 'deteriorating',
    odsCode: 'RAA',
    trustName: 'Trust RAA',
    tumourGroups: [],
    theme: 'waiting_times',
    period,
    evidenceText: 'Positive share of comments on waiting_times at RAA fell from 70% (n=20) to 30% (n=10).',
    comment: null,
    evidence: {
      recent: {
        periodFrom: '2024-02',
        periodTo: period,
        n: 10,
        positive: 3,
        negative: 7,
        share: { mean: 0.31234567, lower: 0.1, upper: 0.55 },
      },
      baseline: {
        periodFrom: '2023-11',
        periodTo: '2024-01',
        n: 20,
        positive: 14,
        negative: 6,
        share: { mean: 0.69, lower: 0.5, upper: 0.84 },
      },
      probability: 0.987,
      commentIds: ['sample:raa-1', 'sample:raa-2'],
    },
    createdAt: '2024-05-02T09:00:06.000Z',
  };
}

/** A safety alert on one comment, with `text` as its evidence (never exported). */
export function syntheticSafetyAlert(externalId: string, text: string): NewAlert {
  return {
    id: safetyAlertId({ source: 'sample', externalId }, 'self_harm'),
    type: 'safety',
    kind: 'self_harm',
    odsCode: 'RAA',
    trustName: 'Trust RAA',
    tumourGroups: [],
    theme: null,
    period: '2024-04',
    evidenceText: text,
    comment: { source: 'sample', externalId },
    evidence: null,
    createdAt: '2024-05-02T09:00:07.000Z',
  };
}

export async function readManifest(exportDir: string, date: string): Promise<ExportManifest> {
  return JSON.parse(await readFile(join(exportDir, date, 'manifest.json'), 'utf8')) as ExportManifest;
}

export async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface ParquetContents {
  rows: Record<string, unknown>[];
  columns: string[];
  rowGroups: number[];
  metadata: Record<string, string | undefined>;
}

export async function readParquet(path: string): Promise<ParquetContents> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const rows = (await parquetReadObjects({ file, metadata })) as Record<string, unknown>[];
  return {
    rows,
    // Top-level fields only: a list column's inner `list` and `element` nodes are not columns.
    columns: parquetSchema(metadata).children.map((child) => child.element.name),
    rowGroups: metadata.row_groups.map((group) => Number(group.num_rows)),
    metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map(({ key, value }) => [key, value])),
  };
}

export { fixedClock, recordingHelpers };
