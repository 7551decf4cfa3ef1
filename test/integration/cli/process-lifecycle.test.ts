import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../../../src/pipeline/stage.js';
import { runCli, startCli } from './support/cli-process.js';
import { type CliWorkspace, createCliWorkspace } from './support/cli-workspace.js';

/**
 * Long-running and failing shapes of the CLI: a worker stopped by SIGTERM, an API port already taken,
 * a bad stage, a bad setting.
 */

/** Short, so the test shows the bound is honoured without waiting for the 20 s default. */
const GRACE_MS = 1_500;

let ws: CliWorkspace;
beforeAll(async () => {
  ws = await createCliWorkspace();
  await writeFile(join(ws.dir, 'short-grace.json'), JSON.stringify({ queue: { shutdownGraceMs: GRACE_MS } }));
});
afterAll(async () => {
  await ws.cleanup();
});

describe('carevoice worker', () => {
  it('stops within its grace period on SIGTERM, exits 0 and leaves no Redis connection behind', {
    timeout: 60_000,
  }, async () => {
    const worker = startCli(['worker', 'process'], {
      cwd: ws.dir,
      env: ws.env({ CAREVOICE_CONFIG: join(ws.dir, 'short-grace.json'), LOG_LEVEL: 'info' }),
    });
    await worker.waitForStderr('"msg":"started"', 45_000);
    expect(await ws.openConnections()).not.toEqual([]);
    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    const result = await worker.exited;
    const stopMs = Date.now() - signalledAt;
    expect({ code: result.code, signal: result.signal }, result.stderr).toEqual({ code: 0, signal: null });
    // Bounded by the configured grace (far below the 20 s default), plus slack for a busy machine.
    expect(stopMs).toBeLessThan(GRACE_MS + 2_500);
    expect(result.stderr).toContain(`"graceMs":${GRACE_MS}`);
    expect(result.stderr).toContain('"clean":true');
    expect(await ws.openConnections()).toEqual([]);
  });

  it('refuses an unknown stage with a message naming it and the real stages', async () => {
    const result = await runCli(['worker', 'nosuchstage'], { cwd: ws.dir, env: ws.env() });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`carevoice: unknown stage "nosuchstage"; stages are ${STAGE_NAMES.join(', ')}`);
  });
});

describe('carevoice start', () => {
  let taken: Server;
  let takenPort: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it('stops what it started and exits non-zero, naming the port, when the API port is taken', {
    timeout: 60_000,
  }, async () => {
    const result = await runCli(['start'], {
      cwd: ws.dir,
      env: ws.env({
        CAREVOICE_CONFIG: join(ws.dir, 'short-grace.json'),
        CAREVOICE_API_HOST: '127.0.0.1',
        CAREVOICE_API_PORT: String(takenPort),
      }),
      timeoutMs: 45_000,
    });
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr).toContain(`carevoice: the API cannot listen on 127.0.0.1:${takenPort}`);
    expect(result.stderr).not.toContain('"msg":"started"');
    expect(await ws.openConnections()).toEqual([]);
  });
});

describe('configuration errors', () => {
  it('prints one clear message naming the key, the value and the variable, and exits non-zero', async () => {
    const result = await runCli(['run', '--once'], { cwd: ws.dir, env: ws.env({ CAREVOICE_SAMPLE_COUNT: 'ten' }) });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      [
        'carevoice: the configuration has 1 problem:',
        '  - sources.sample.count: expected a positive integer, found "ten" (from CAREVOICE_SAMPLE_COUNT)',
      ].join('\n'),
    );
  });
});
