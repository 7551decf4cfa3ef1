import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Folder housekeeping for exports: atomic replace, the `latest.json` pointer and retention. */

export const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
export const LATEST_FILE = 'latest.json';

/** Where the newest complete export is; `path` is relative to the export folder. */
export interface LatestPointer {
  date: string;
  path: string;
}

export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** fsync a directory so the renames inside it survive a power cut (a no-op where unsupported). */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL' && (error as NodeJS.ErrnoException).code !== 'EPERM') {
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Puts the finished `tmpDir` at `finalDir`. A rename cannot replace a non-empty folder, so an
 * existing one is first moved aside and removed once the new one is in place.
 */
export async function replaceFolder(root: string, tmpDir: string, finalDir: string, date: string): Promise<void> {
  const aside = join(root, `.old-${date}-${randomSuffix()}`);
  let movedAside = false;
  try {
    await rename(finalDir, aside);
    movedAside = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(tmpDir, finalDir);
  await syncDirectory(root);
  if (movedAside) await rm(aside, { recursive: true, force: true });
}

export async function datedFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && DATE_FOLDER.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Points `latest.json` at the newest dated folder (a backfill of an old date never moves it back). */
export async function updateLatestPointer(root: string): Promise<LatestPointer | null> {
  const newest = (await datedFolders(root)).at(-1);
  if (!newest) return null;
  const pointer: LatestPointer = { date: newest, path: newest };
  const tmp = join(root, `.latest-${randomSuffix()}.json`);
  await writeFile(tmp, `${JSON.stringify(pointer)}\n`, { flush: true });
  await rename(tmp, join(root, LATEST_FILE));
  return pointer;
}

/** Removes all but the newest `retain` dated folders; returns the removed names. */
export async function pruneExports(root: string, retain: number): Promise<string[]> {
  if (!Number.isInteger(retain) || retain < 1) throw new RangeError(`retain must be a positive integer; got ${retain}`);
  const folders = await datedFolders(root);
  const removed = folders.slice(0, Math.max(0, folders.length - retain));
  for (const name of removed) await rm(join(root, name), { recursive: true, force: true });
  return removed;
}
