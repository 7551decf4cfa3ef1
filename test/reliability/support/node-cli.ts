import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../src/config/paths.js';
import type { CliResult } from '../../integration/cli/support/cli-process.js';
import { isAlive, killTree } from './process-tree.js';

/**
 * The CLI as one node process (`node --import tsx`), as the built `carevoice` binary runs. The tsx
 * launcher used elsewhere puts a parent in front that turns a SIGTERM into SIGKILL when the worker
 * is too busy to acknowledge it within 30 ms, which would hide the worker's own graceful shutdown.
 */

const CLI = join(packageRoot(), 'src', 'cli', 'main.ts');
/** By absolute URL: the process runs in a temp folder where a bare `tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(join(packageRoot(), 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;

export interface NodeCli {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves when `text` appears on stderr; rejects if the process exits first or after `timeoutMs`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<CliResult>;
}

/** Starts `carevoice <args>` in `cwd` with only `env` (plus PATH and HOME). */
export function startNodeCli(args: readonly string[], cwd: string, env: Record<string, string>): NodeCli {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? cwd, ...env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end();
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started }));
  });
  const waitForStderr = async (text: string, timeoutMs = 45_000) => {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!stderr.includes(text)) {
      if (done) throw new Error(`carevoice ${args.join(' ')} exited before "${text}":\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`no "${text}" on stderr within ${timeoutMs} ms:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { child, stderr: () => stderr, waitForStderr, exited };
}

/** Kills (SIGKILL, with their children) those of `clis` still running and waits for them to exit. */
export async function killStillRunning(clis: readonly NodeCli[]): Promise<void> {
  for (const cli of clis) {
    if (cli.child.pid && isAlive(cli.child.pid)) {
      killTree(cli.child.pid);
      await cli.exited;
    }
  }
}

/** Throws, with the end of its stderr, if `cli` has exited: a wait on it would otherwise only time out. */
export function expectRunning(cli: NodeCli): void {
  const { exitCode, signalCode } = cli.child;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`the worker exited (${exitCode ?? signalCode}):\n${cli.stderr().slice(-3000)}`);
  }
}

/** The lines of `cli`'s stderr so far that contain `text`. */
export function stderrLinesWith(cli: NodeCli, text: string): string[] {
  return cli
    .stderr()
    .split('\n')
    .filter((line) => line.includes(text));
}

/** Stops each with SIGTERM, as an operator would, and waits until every one has exited. */
export async function stopAll(clis: readonly NodeCli[]): Promise<void> {
  for (const cli of clis) cli.child.kill('SIGTERM');
  await Promise.all(clis.map((cli) => cli.exited));
}
