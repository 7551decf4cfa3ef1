/**
 * What the aggregate stage's hourly triangulation costs on the real CPES 2018 file (read at run time): a
 * recomputation after new data against a run whose inputs are unchanged and skip, side by side in one
 * run on a temporary SQLite store. `tsx bench/bench-triangulation-refresh.ts [--json]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataDir } from '../src/config/paths.js';
import { runImport } from '../src/import/run-import.js';
import { loadThemeCrosswalk } from '../src/reference/theme-crosswalk.js';
import { openStore } from '../src/storage/open-store.js';
import { refreshTriangulation } from '../src/triangulation/refresh-triangulation.js';

const dir = mkdtempSync(join(tmpdir(), 'carevoice-bench-refresh-'));
const store = await openStore({ sqlitePath: join(dir, 'store.db') });
try {
  await runImport(
    { importer: 'cpes-2018', path: join(sharedDataDir(), 'cpes-2018-trust-results.csv') },
    { store, crosswalk: loadThemeCrosswalk(), knownOdsCodes: new Set() },
  );
  const timed = async () => {
    const started = process.hrtime.bigint();
    const outcome = await refreshTriangulation(store);
    return { outcome, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  };
  const recomputed = await timed();
  const skipped = await timed();
  const result = {
    bench: 'triangulation-refresh',
    recomputed: { status: recomputed.outcome.status, seconds: recomputed.seconds },
    skipped: {
      status: skipped.outcome.status === 'skipped' ? skipped.outcome.reason : skipped.outcome.status,
      seconds: skipped.seconds,
    },
    ratio: recomputed.seconds / skipped.seconds,
  };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `recomputed (new inputs)   ${result.recomputed.seconds.toFixed(2)} s\n` +
        `skipped (${result.skipped.status})  ${result.skipped.seconds.toFixed(3)} s\n` +
        `ratio                     ${result.ratio.toFixed(0)}×\n`,
    );
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
