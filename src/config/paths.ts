import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

function isCareVoiceRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'carevoice';
  } catch {
    return false;
  }
}

/**
 * The folder holding CareVoice's package.json. Code runs both from `src/` (tests, tsx) and from
 * `dist/src/` (the built CLI), so shipped files (config/, models/) are found by walking up, not by
 * a fixed relative path.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!isCareVoiceRoot(dir)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('carevoice: cannot find the package root (package.json)');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** A file shipped with the package, e.g. `config/reference/ods-trusts.csv`. */
export function shippedFile(relativePath: string): string {
  return join(packageRoot(), relativePath);
}

/** Where the shared public data sets live for evaluations and tests (`../shared/data` by default). */
export function sharedDataDir(): string {
  return resolve(process.env['CAREVOICE_SHARED_DATA'] ?? join(packageRoot(), '..', 'shared', 'data'));
}
