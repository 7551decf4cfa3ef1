import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open-store.js';
import { runCli } from './support/cli-process.js';
import { type CliWorkspace, createCliWorkspace } from './support/cli-workspace.js';
import { expectManifestMatchesFiles, readLatestExport } from './support/export-files.js';

/** `carevoice run --once` with the seeded sample source, then `status`, as a new user would run them. */

const COUNT = 240;

let ws: CliWorkspace;
beforeAll(async () => {
  ws = await createCliWorkspace();
});
afterAll(async () => {
  await ws.cleanup();
});

async function storedComments(): Promise<number> {
  const store = await openStore({ sqlitePath: ws.sqlitePath });
  try {
    return await store.countComments({ includeDuplicates: true });
  } finally {
    await store.close();
  }
}

const env = () => ws.env({ CAREVOICE_SAMPLE_COUNT: String(COUNT), CAREVOICE_SAMPLE_ENABLED: 'true' });

describe('carevoice run --once (sample source)', () => {
  it('stores exactly COUNT comments, prints a summary and writes a dated export whose manifest matches its files', async () => {
    const result = await runCli(['run', '--once'], { cwd: ws.dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('CareVoice run ');
    expect(result.stdout).toMatch(/comments processed this run\s+240\n/);
    expect(result.stdout).toMatch(/comments in the store\s+240\n/);
    expect(result.stdout).toMatch(/failed jobs\s+0\n/);
    expect(result.stdout).toMatch(/export\s+completed in/);
    expect(await storedComments()).toBe(COUNT);

    const latest = await readLatestExport(ws.exportDir);
    expect(result.stdout).toContain(`export folder                   ${latest.folder}`);
    expect(latest.manifest.date).toBe(latest.date);
    expect(latest.manifest.files.find((f) => f.name === 'comments.csv')?.rows).toBe(COUNT);
    expect(latest.manifest.files.find((f) => f.name === 'comments.jsonl')?.rows).toBe(COUNT);
    await expectManifestMatchesFiles(latest);
    // The process has exited; nothing it opened may still be connected to Redis.
    expect(await ws.openConnections()).toEqual([]);
  });

  it('run again: nothing is doubled and the export for the date is replaced, not duplicated', async () => {
    const result = await runCli(['run', '--once', '--json'], { cwd: ws.dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      summary: { processed: number; failedJobs: unknown[]; export: string; exportDate: string };
      stored: { comments: number };
    };
    expect(report.summary.failedJobs).toEqual([]);
    expect(report.summary.export).toBe('completed');
    expect(report.stored.comments).toBe(COUNT);
    expect(await storedComments()).toBe(COUNT);

    const latest = await readLatestExport(ws.exportDir);
    expect(latest.date).toBe(report.summary.exportDate);
    expect(latest.manifest.files.find((f) => f.name === 'comments.jsonl')?.rows).toBe(COUNT);
    await expectManifestMatchesFiles(latest);
  });

  it('status --json shows the queues, the stored count and the last runs', async () => {
    const result = await runCli(['status', '--json'], { cwd: ws.dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Redis did not answer');
    const status = JSON.parse(result.stdout) as {
      queues: { name: string; waiting: number; active: number; failed: number; completed: number }[];
      comments: number;
      quarantined: number;
      lastRuns: { kind: string; source?: string; status: string; counts: Record<string, number> }[];
    };
    expect(status.comments).toBe(COUNT);
    expect(status.quarantined).toBe(0);
    const queues = status.queues.map((q) => q.name);
    expect(queues).toEqual(expect.arrayContaining(['collect-sample', 'process', 'aggregate', 'export']));
    for (const queue of status.queues)
      expect({ queue: queue.name, waiting: queue.waiting, active: queue.active, failed: queue.failed }).toEqual({
        queue: queue.name,
        waiting: 0,
        active: 0,
        failed: 0,
      });
    expect(status.queues.find((q) => q.name === 'process')?.completed).toBeGreaterThan(0);
    const kinds = status.lastRuns.map((r) => `${r.kind}${r.source ? `:${r.source}` : ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['collect:sample', 'aggregate', 'export']));
    for (const run of status.lastRuns) expect(run.status).toBe('ok');
    expect(status.lastRuns.find((r) => r.kind === 'export')?.counts['comments.jsonl']).toBe(COUNT);
  });
});
