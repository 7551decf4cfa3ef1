/**
 * A fingerprint of everything a triangulation run reads: the imported files (CPES, FFT, KO41a; a
 * re-import changes its import time, a corrected file adds its own hash), the comment aggregates' figures
 * (not their computation time, which every aggregate run renews), the run's settings and the CareVoice
 * version (a release may change the method). Equal fingerprints mean the stored scores are still current.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { shippedFile } from '../config/paths.js';
import type { ImportedFile } from '../storage/import-types.js';
import type { AggregateRow } from '../storage/store.js';

let version: string | undefined;

function careVoiceVersion(): string {
  version ??= (JSON.parse(readFileSync(shippedFile('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * @param settings the run's options that change its result (numbers and flags, no functions)
 * @param trustNames ODS code → the trust name shown with its figures
 */
export function triangulationFingerprint(
  files: readonly ImportedFile[],
  aggregates: readonly AggregateRow[],
  settings: Readonly<Record<string, unknown>>,
  trustNames: ReadonlyMap<string, string>,
): string {
  const hash = createHash('sha256');
  hash.update(`carevoice ${careVoiceVersion()}\n`);
  hash.update(`${JSON.stringify(settings, Object.keys(settings).sort())}\n`);
  for (const line of [...trustNames].map(([code, name]) => `${code}=${name}`).sort()) hash.update(`name ${line}\n`);
  const imports = files.map((f) => `${f.kind} ${f.sha256} ${f.importedAt}`).sort();
  for (const line of imports) hash.update(`file ${line}\n`);
  const cells = aggregates
    .map((a) => `${a.odsCode}|${a.theme}|${a.tumourGroup}|${a.period}|${a.n}|${a.positive}|${a.positiveShare}`)
    .sort();
  for (const line of cells) hash.update(`cell ${line}\n`);
  return hash.digest('hex');
}
