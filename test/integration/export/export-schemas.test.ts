import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/paths.js';
import { ALERT_COLUMNS, ALERT_PARQUET_TYPES } from '../../../src/export/alert-records.js';
import { AGGREGATE_COLUMNS, COMMENT_COLUMNS } from '../../../src/export/export-records.js';
import {
  AGGREGATE_PARQUET_TYPES,
  COMMENT_PARQUET_TYPES,
  type ParquetColumnSpec,
} from '../../../src/export/parquet-columns.js';
import { TRIANGULATION_COLUMNS, TRIANGULATION_PARQUET_TYPES } from '../../../src/export/triangulation-records.js';
import { EXPORT_SCHEMA_VERSION, writeExport } from '../../../src/export/write-export.js';
import {
  addSyntheticTriangulation,
  type ExportFixture,
  fixedClock,
  openExportFixture,
  readJsonLines,
  readParquet,
  syntheticDivergenceAlert,
} from './support/export-fixtures.js';
import { PINNED } from './support/pinned-columns.js';

const SCHEMAS = [
  'comments',
  'comments-jsonl',
  'aggregates',
  'alerts',
  'alerts-jsonl',
  'triangulation',
  'manifest',
  'latest',
] as const;
type SchemaName = (typeof SCHEMAS)[number];

interface JsonSchema {
  'x-carevoice-schema-version': number;
  'x-carevoice-files': string[];
  required: string[];
  properties: Record<string, unknown>;
}

let fx: ExportFixture;
let folder: string;
const schemas = {} as Record<SchemaName, JsonSchema>;
const validators = {} as Record<SchemaName, ValidateFunction>;

beforeAll(async () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addKeyword('x-carevoice-schema-version');
  ajv.addKeyword('x-carevoice-files');
  for (const name of SCHEMAS) {
    const path = join(packageRoot(), 'docs', 'schemas', `${name}.schema.json`);
    schemas[name] = JSON.parse(await readFile(path, 'utf8')) as JsonSchema;
    validators[name] = ajv.compile(schemas[name]);
  }
  fx = await openExportFixture();
  await fx.store.recordAlerts([syntheticDivergenceAlert(), syntheticDivergenceAlert('2024-03')]);
  await addSyntheticTriangulation(fx.store, ['RA1', 'RA2', 'RA3', 'RA4']);
  folder = (await writeExport({ store: fx.store, dir: fx.exportDir, date: '2024-06-01', clock: fixedClock() })).path;
});
afterAll(async () => {
  await fx.cleanup();
});

function expectValid(name: SchemaName, value: unknown, what: string): void {
  const validate = validators[name];
  const ok = validate(value);
  expect(ok, `${what} against ${name}.schema.json: ${JSON.stringify(validate.errors)}`).toBe(true);
}

/** CSV cells are text: give them back the types the schema (and Parquet) hold; blank is null. */
function typedCsvRow(
  row: Record<string, string>,
  types: Readonly<Record<string, ParquetColumnSpec>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, cell]) => {
      const spec = types[column];
      if (!spec) return [column, cell];
      if (cell === '' && spec.nullable) return [column, null];
      if (spec.type === 'DOUBLE' || spec.type === 'INT32') return [column, Number(cell)];
      if (spec.type === 'BOOLEAN') return [column, cell === 'true' ? true : cell === 'false' ? false : cell];
      if (spec.type === 'STRING_LIST') return [column, cell === '' ? [] : cell.split(';')];
      return [column, cell];
    }),
  );
}

async function csvRows(name: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const text = await readFile(join(folder, name), 'utf8');
  const header = (parse(text, { to_line: 1 }) as string[][])[0]!;
  return { header, rows: parse(text, { columns: true }) as Record<string, string>[] };
}

describe('the published layout', () => {
  it('has a pinned column list for the current schema version', () => {
    expect(PINNED[EXPORT_SCHEMA_VERSION], `add PINNED[${EXPORT_SCHEMA_VERSION}]`).toBeDefined();
    for (let version = 2; version < EXPORT_SCHEMA_VERSION; version++) expect(PINNED[version]).toBeDefined();
  });

  it('matches the pinned columns in code, in real output and in the documented schemas', async () => {
    const pinned = PINNED[EXPORT_SCHEMA_VERSION]!;
    expect(COMMENT_COLUMNS).toEqual(pinned['comments.csv']);
    expect(AGGREGATE_COLUMNS).toEqual(pinned['aggregates.csv']);
    expect(ALERT_COLUMNS).toEqual(pinned['alerts.csv']);
    expect(TRIANGULATION_COLUMNS).toEqual(pinned['triangulation.csv']);

    expect((await csvRows('comments.csv')).header).toEqual(pinned['comments.csv']);
    expect((await readParquet(join(folder, 'comments.parquet'))).columns).toEqual(pinned['comments.csv']);
    expect((await csvRows('aggregates.csv')).header).toEqual(pinned['aggregates.csv']);
    expect((await readParquet(join(folder, 'aggregates.parquet'))).columns).toEqual(pinned['aggregates.csv']);
    expect(Object.keys((await readJsonLines(join(folder, 'comments.jsonl')))[0]!)).toEqual(pinned['comments.jsonl']);
    expect(Object.keys((await readJsonLines(join(folder, 'aggregates.jsonl')))[0]!)).toEqual(pinned['aggregates.csv']);
    expect((await csvRows('alerts.csv')).header).toEqual(pinned['alerts.csv']);
    expect((await readParquet(join(folder, 'alerts.parquet'))).columns).toEqual(pinned['alerts.csv']);
    expect(Object.keys((await readJsonLines(join(folder, 'alerts.jsonl')))[0]!)).toEqual(pinned['alerts.jsonl']);
    expect((await csvRows('triangulation.csv')).header).toEqual(pinned['triangulation.csv']);
    expect((await readParquet(join(folder, 'triangulation.parquet'))).columns).toEqual(pinned['triangulation.csv']);
    expect(Object.keys((await readJsonLines(join(folder, 'triangulation.jsonl')))[0]!)).toEqual(
      pinned['triangulation.csv'],
    );
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual(pinned['manifest.json']);
    expect((manifest['files'] as { name: string }[]).map((file) => file.name)).toEqual(pinned['files']);

    const documented: Record<string, SchemaName> = {
      'comments.csv': 'comments',
      'comments.jsonl': 'comments-jsonl',
      'aggregates.csv': 'aggregates',
      'alerts.csv': 'alerts',
      'alerts.jsonl': 'alerts-jsonl',
      'triangulation.csv': 'triangulation',
      'manifest.json': 'manifest',
    };
    for (const [file, schema] of Object.entries(documented)) {
      expect(Object.keys(schemas[schema].properties), schema).toEqual(pinned[file]);
      expect(schemas[schema].required, schema).toEqual(pinned[file]);
    }
    for (const name of SCHEMAS) expect(schemas[name]['x-carevoice-schema-version'], name).toBe(EXPORT_SCHEMA_VERSION);
  });

  it('describes every column of every file in docs/exports.md', async () => {
    const doc = await readFile(join(packageRoot(), 'docs', 'exports.md'), 'utf8');
    expect(doc).toContain(`Schema version: **${EXPORT_SCHEMA_VERSION}**`);
    const pinned = PINNED[EXPORT_SCHEMA_VERSION]!;
    for (const list of [
      'comments.csv',
      'comments.jsonl',
      'aggregates.csv',
      'alerts.csv',
      'alerts.jsonl',
      'triangulation.csv',
      'manifest.json',
    ]) {
      for (const column of pinned[list]!) expect(doc, `${list}: ${column}`).toContain(`| \`${column}\` |`);
    }
  });
});

describe('real output validates against docs/schemas', () => {
  it('comments.csv and comments.parquet rows', async () => {
    const { rows } = await csvRows('comments.csv');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expectValid('comments', typedCsvRow(row, COMMENT_PARQUET_TYPES), 'comments.csv row');
    for (const row of (await readParquet(join(folder, 'comments.parquet'))).rows) {
      expectValid('comments', row, 'comments.parquet row');
    }
  });

  it('comments.jsonl lines', async () => {
    for (const record of await readJsonLines(join(folder, 'comments.jsonl'))) {
      expectValid('comments-jsonl', record, 'comments.jsonl line');
    }
  });

  it('aggregates in all three formats, suppressed cells included', async () => {
    const { rows } = await csvRows('aggregates.csv');
    const parquet = (await readParquet(join(folder, 'aggregates.parquet'))).rows;
    const jsonl = await readJsonLines(join(folder, 'aggregates.jsonl'));
    expect(jsonl.some((cell) => cell['suppressed'] === true)).toBe(true);
    expect(jsonl.some((cell) => cell['suppressed'] === false)).toBe(true);
    for (const row of rows) expectValid('aggregates', typedCsvRow(row, AGGREGATE_PARQUET_TYPES), 'aggregates.csv row');
    for (const row of parquet) expectValid('aggregates', row, 'aggregates.parquet row');
    for (const row of jsonl) expectValid('aggregates', row, 'aggregates.jsonl line');
  });

  it('alerts in all three formats', async () => {
    const { rows } = await csvRows('alerts.csv');
    expect(rows).toHaveLength(2);
    for (const row of rows) expectValid('alerts', typedCsvRow(row, ALERT_PARQUET_TYPES), 'alerts.csv row');
    for (const row of (await readParquet(join(folder, 'alerts.parquet'))).rows) {
      expectValid('alerts', row, 'alerts.parquet row');
    }
    for (const line of await readJsonLines(join(folder, 'alerts.jsonl')))
      expectValid('alerts-jsonl', line, 'alerts.jsonl line');
  });

  it('triangulated scores in all three formats, withheld and small cells included', async () => {
    const { rows } = await csvRows('triangulation.csv');
    const parquet = (await readParquet(join(folder, 'triangulation.parquet'))).rows;
    const jsonl = await readJsonLines(join(folder, 'triangulation.jsonl'));
    expect(jsonl.length).toBeGreaterThan(0);
    expect(jsonl.some((cell) => cell['observed'] === false)).toBe(true);
    expect(jsonl.some((cell) => typeof cell['respondents'] === 'number')).toBe(true);
    for (const row of rows) {
      expectValid('triangulation', typedCsvRow(row, TRIANGULATION_PARQUET_TYPES), 'triangulation.csv row');
    }
    for (const row of parquet) expectValid('triangulation', row, 'triangulation.parquet row');
    for (const row of jsonl) expectValid('triangulation', row, 'triangulation.jsonl line');
    expect(validators.triangulation({ ...jsonl[0], estimate: 101 })).toBe(false);
    expect(validators.triangulation({ ...jsonl[0], sources: 'cpes' })).toBe(false);
  });

  it('manifest.json and latest.json', async () => {
    expectValid('manifest', JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')), 'manifest.json');
    expectValid('latest', JSON.parse(await readFile(join(fx.exportDir, 'latest.json'), 'utf8')), 'latest.json');
  });

  it('a schema rejects what it should: an extra column, a wrong type', () => {
    const good = jsonlSample();
    expectValid('comments-jsonl', good, 'sample');
    expect(validators['comments-jsonl']({ ...good, authorHash: 'x' })).toBe(false);
    expect(validators['comments-jsonl']({ ...good, rating: 7 })).toBe(false);
  });
});

function jsonlSample(): Record<string, unknown> {
  return {
    source: 'sample',
    externalId: 'c1',
    url: null,
    postedAt: '2024-04-20T10:00:00.000Z',
    period: '2024-04',
    odsCode: 'RAA',
    providerName: 'Trust RAA',
    question: null,
    text: 'The nurse was kind',
    sentiment: { label: 'positive', score: 0.8 },
    rating: 5,
    themes: [{ id: 'cns_access', sentiment: 'positive' }],
    tumourGroups: ['sarcoma'],
    rareCancer: true,
    duplicateOf: null,
  };
}
