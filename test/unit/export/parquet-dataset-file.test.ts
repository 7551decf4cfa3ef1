import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParquetColumnSpec } from '../../../src/export/parquet-columns.js';
import { ParquetDatasetFile } from '../../../src/export/parquet-dataset-file.js';

const COLUMNS = ['name', 'score', 'count', 'flag'] as const;
const TYPES: Record<(typeof COLUMNS)[number], ParquetColumnSpec> = {
  name: { type: 'STRING', nullable: false },
  score: { type: 'DOUBLE', nullable: true },
  count: { type: 'INT32', nullable: true },
  flag: { type: 'BOOLEAN', nullable: false },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carevoice-parquet-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ParquetDatasetFile', () => {
  it('streams rows in row groups and reports rows, bytes and the checksum of what is on disk', async () => {
    const path = join(dir, 'd.parquet');
    const file = await ParquetDatasetFile.create(path, { columns: COLUMNS, types: TYPES, rowGroupSize: 4 });
    const rows = Array.from({ length: 10 }, (_, i) => [
      `row ${i}`,
      i % 3 === 0 ? null : -i / 4,
      i % 2 ? i : null,
      i % 2 === 0,
    ]);
    await file.append(rows.slice(0, 3));
    await file.append(rows.slice(3));
    const entry = await file.close();

    const bytes = await readFile(path);
    expect(entry).toEqual({
      name: 'd.parquet',
      rows: 10,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const buffer = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(buffer);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([4, 4, 2]);
    const read = await parquetReadObjects({ file: buffer, metadata });
    expect(read).toEqual(rows.map(([name, score, count, flag]) => ({ name, score, count, flag })));
  });

  it('writes a list column as a Parquet LIST that reads back as arrays, empty ones included', async () => {
    const path = join(dir, 'l.parquet');
    const types: Record<'key' | 'tags', ParquetColumnSpec> = {
      key: { type: 'STRING', nullable: false },
      tags: { type: 'STRING_LIST', nullable: false },
    };
    const file = await ParquetDatasetFile.create(path, { columns: ['key', 'tags'], types, rowGroupSize: 2 });
    const rows = [
      ['a', ['cpes']],
      ['b', []],
      ['c', ['cpes', 'comments']],
    ];
    await file.append(rows);
    expect((await file.close()).rows).toBe(3);
    const buffer = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(buffer);
    expect(metadata.schema.map((element) => element.name)).toEqual(['root', 'key', 'tags', 'list', 'element']);
    expect(metadata.schema[2]?.converted_type).toBe('LIST');
    expect(await parquetReadObjects({ file: buffer, metadata })).toEqual(rows.map(([key, tags]) => ({ key, tags })));
  });

  it('refuses a row of the wrong width', async () => {
    const file = await ParquetDatasetFile.create(join(dir, 'w.parquet'), { columns: COLUMNS, types: TYPES });
    await expect(file.append([['only one']])).rejects.toThrow(/1 values; the file has 4 columns/);
    await file.abandon();
  });

  it('refuses a non-positive row group size', async () => {
    await expect(
      ParquetDatasetFile.create(join(dir, 'z.parquet'), { columns: COLUMNS, types: TYPES, rowGroupSize: 0 }),
    ).rejects.toThrow(/rowGroupSize/);
  });
});
