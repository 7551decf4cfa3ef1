import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATE_FOLDER, LATEST_FILE, type LatestPointer } from './export-folders.js';

/** What `latest.json` points at, with the instant that export was generated (from its manifest). */
export interface LatestExport extends LatestPointer {
  generatedAt: string;
}

class LatestExportError extends Error {
  readonly code = 'latest_export_unreadable';
  constructor(message: string) {
    super(message);
    this.name = 'LatestExportError';
  }
}

/** Null before the first export; throws when `latest.json` or its manifest cannot be read as written. */
export async function readLatestExport(exportDir: string): Promise<LatestExport | null> {
  let pointer: LatestPointer;
  try {
    pointer = JSON.parse(await readFile(join(exportDir, LATEST_FILE), 'utf8')) as LatestPointer;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (typeof pointer.path !== 'string' || !DATE_FOLDER.test(pointer.path)) {
    throw new LatestExportError(`${LATEST_FILE} in ${exportDir} does not name a dated export folder`);
  }
  const manifest = JSON.parse(await readFile(join(exportDir, pointer.path, 'manifest.json'), 'utf8')) as {
    generatedAt?: unknown;
  };
  if (typeof manifest.generatedAt !== 'string' || Number.isNaN(Date.parse(manifest.generatedAt))) {
    throw new LatestExportError(`the manifest of ${pointer.path} has no readable generatedAt`);
  }
  return { date: pointer.date, path: pointer.path, generatedAt: manifest.generatedAt };
}
