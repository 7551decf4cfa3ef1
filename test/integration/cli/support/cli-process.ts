import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../../src/config/paths.js';

/** Runs the `carevoice` CLI from source exactly as a user would: a separate process, its own working folder and env. */

const TSX = join(packageRoot(), 'node_modules', '.bin', 'tsx');
const CLI = join(packageRoot(), 'src', 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time from spawn to exit. */
  elapsedMs: number;
}

export interface CliOptions {
  /** Working folder of the process (relative config paths resolve against it). */
  cwd: string;
  /** The whole environment of the process: nothing is inherited but PATH and HOME. */
  env: Record<string, string>;
  /** Written to standard input, which is then closed. @defaultValue nothing (stdin closed at once) */
  input?: string | Buffer;
  /** The process is killed and the call fails after this long. @defaultValue 25000 */
  timeoutMs?: number;
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when `text` appears on stderr (logs go there); rejects if the process exits first. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<CliResult>;
}

/** Starts the CLI and returns at once, for long-running commands (`worker`, `api`). */
export function startCli(args: readonly string[], options: CliOptions): RunningCli {
  const started = Date.now();
  const child = spawn(TSX, [CLI, ...args], {
    cwd: options.cwd,
    // A minimal environment, so a DATABASE_URL or REDIS_URL of the developer's shell never leaks in.
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? options.cwd, ...options.env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const stderrWaiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...stderrWaiters]) if (stderr.includes(waiter.text)) waiter.resolve();
  });
  const timeoutMs = options.timeoutMs ?? 25_000;
  const exited = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`carevoice ${args.join(' ')} did not exit within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
  // The caller may only await `exited` later; a rejection must not go unhandled meanwhile.
  exited.catch(() => undefined);
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();

  const waitForStderr = (text: string, waitMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      if (stderr.includes(text)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" on stderr within ${waitMs} ms:\n${stderr}`)),
        waitMs,
      );
      stderrWaiters.push({
        text,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      exited.then(
        (result) => {
          clearTimeout(timer);
          if (!stderr.includes(text)) reject(new Error(`exited (${result.code}) before "${text}":\n${stderr}`));
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });

  return { child, output: () => ({ stdout, stderr }), waitForStderr, exited };
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).exited;
}
