import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata } from 'hyparquet';
import { expect } from 'vitest';
import type { ExportManifest } from '../../../../src/export/write-export.js';

/** Reads an export folder as a downstream user would, and checks the manifest against the bytes. */

export interface LatestExport {
  date: string;
  folder: string;
  manifest: ExportManifest;
}

export async function readLatestExport(exportDir: string): Promise<LatestExport> {
  const latest = JSON.parse(await readFile(join(exportDir, 'latest.json'), 'utf8')) as { date: string; path: string };
  expect(latest.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(latest.path).toBe(latest.date);
  const folder = join(exportDir, latest.path);
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as ExportManifest;
  return { date: latest.date, folder, manifest };
}

/** Data rows of an export file: CSV records after the header, Parquet rows from its footer, or
 *  non-empty JSON Lines (each must parse). */
export function countRows(name: string, bytes: Buffer): number {
  if (name.endsWith('.parquet')) {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return Number(parquetMetadata(buffer).num_rows);
  }
  if (!name.endsWith('.csv') && !name.endsWith('.jsonl')) throw new Error(`unexpected export file ${name}`);
  const text = bytes.toString('utf8');
  if (name.endsWith('.csv')) return Math.max(0, (parse(text, { relax_column_count: false }) as string[][]).length - 1);
  const lines = text.split('\n').filter((line) => line !== '');
  for (const line of lines) JSON.parse(line);
  return lines.length;
}

/** Every manifest entry matches its file's SHA-256, size and row count, and no file is unlisted. */
export async function expectManifestMatchesFiles({ folder, manifest }: LatestExport): Promise<void> {
  const onDisk = (await readdir(folder)).filter((name) => name !== 'manifest.json').sort();
  expect(manifest.files.map((f) => f.name).sort()).toEqual(onDisk);
  for (const entry of manifest.files) {
    const bytes = await readFile(join(folder, entry.name));
    expect({ name: entry.name, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
      name: entry.name,
      sha256: entry.sha256,
    });
    expect({ name: entry.name, bytes: bytes.length, rows: countRows(entry.name, bytes) }).toEqual({
      name: entry.name,
      bytes: entry.bytes,
      rows: entry.rows,
    });
  }
}

/** Every file under `dir`, recursively (for byte scans). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
