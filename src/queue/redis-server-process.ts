import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, isAbsolute, join } from 'node:path';
import { RedisUnavailableError } from './errors/redis-unavailable-error.js';
import { redisAnswers } from './redis-ping.js';

/** Starts and stops a `redis-server` child bound to 127.0.0.1, with its files in one folder. */

export interface RedisServerOptions {
  /** Folder for the AOF, RDB and log files (created if missing). */
  dir: string;
  /** TCP port. @defaultValue a free port chosen by the OS */
  port?: number;
  /** @defaultValue `noeviction` (queues must never lose keys) */
  maxmemoryPolicy?: string;
  /** Append-only file, so queued jobs survive a restart. @defaultValue true */
  appendOnly?: boolean;
  /**
   * How often the append-only file is synced to disk. `always`: a job Redis acknowledged survives a
   * crash of its host too, which the collect stage relies on (see persistence-check.ts).
   * @defaultValue `always`
   */
  appendFsync?: 'always' | 'everysec' | 'no';
  /** Binary name or path. @defaultValue `redis-server` */
  binary?: string;
  /** Longest wait for the server to answer PING. @defaultValue 10000 */
  startTimeoutMs?: number;
  /** More `--name value` arguments. @defaultValue none */
  extraArgs?: readonly string[];
}

export interface RunningRedisServer {
  url: string;
  port: number;
  pid: number;
  /** Stops the server (SIGTERM, so it flushes its AOF; SIGKILL after 5 s). Safe to call twice. */
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL), as a crash would, and resolves once it has exited. */
  crash(): Promise<void>;
}

/** The absolute path of an executable on PATH, or undefined. */
export function findExecutable(name: string, path: string = process.env['PATH'] ?? ''): string | undefined {
  const candidates = isAbsolute(name) || name.includes('/') ? [name] : path.split(delimiter).map((d) => join(d, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next folder on PATH.
    }
  }
  return undefined;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(options: RedisServerOptions): Promise<RunningRedisServer> {
  const binary = findExecutable(options.binary ?? 'redis-server');
  if (!binary) throw new RedisUnavailableError(`no \`${options.binary ?? 'redis-server'}\` binary on PATH`);
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  // biome-ignore format: one flag and its value per line
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', options.dir,
    '--maxmemory-policy', options.maxmemoryPolicy ?? 'noeviction',
    '--appendonly', options.appendOnly === false ? 'no' : 'yes',
    '--appendfsync', options.appendFsync ?? 'always',
    '--logfile', 'redis.log',
    '--daemonize', 'no',
    ...(options.extraArgs ?? []),
  ];
  // Its own process group: a terminal's Ctrl-C must not kill Redis while workers are still closing.
  const child = spawn(binary, args, { stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(url, child, options.startTimeoutMs ?? 10_000, options.dir);
  } catch (error) {
    process.off('exit', killOnExit);
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    pid: child.pid ?? -1,
    crash() {
      process.off('exit', killOnExit);
      child.kill('SIGKILL');
      return exited;
    },
    stop() {
      stopping ??= (async () => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number, dir: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  while (Date.now() < deadline) {
    if (spawnError) throw new RedisUnavailableError(`redis-server could not be started: ${spawnError.message}`);
    if (child.exitCode !== null) {
      throw new RedisUnavailableError(`redis-server exited with code ${child.exitCode}${logTail(dir)}`);
    }
    if (await redisAnswers(url, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new RedisUnavailableError(`redis-server did not answer on ${url} within ${timeoutMs} ms${logTail(dir)}`);
}

function logTail(dir: string): string {
  const file = join(dir, 'redis.log');
  if (!existsSync(file)) return '';
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(-5);
  return `; last lines of ${file}:\n    ${lines.join('\n    ')}`;
}
