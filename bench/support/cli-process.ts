import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/paths.js';
import type { BenchStoreLocation } from './bench-store.js';

/**
 * One `carevoice <args>` process run from the TypeScript sources (`node --import tsx`, the code the
 * built CLI runs, with no tsx launcher in between), pointed at a bench store through a configuration
 * overlay. Its peak resident set over its whole life is reported by a preload at exit.
 */

export interface CliProcess {
  readonly child: ChildProcess;
  /** Exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** The last lines it wrote (stdout and stderr). */
  output(): string;
  /** Everything it wrote to stdout. */
  stdout(): string;
  /** Peak resident set (getrusage maxRSS) in MB, known once it has exited. */
  peakRssMb(): number | undefined;
  cleanup(): void;
}

const TAIL_CHARS = 4000;

export function startCli(
  args: readonly string[],
  options: { location: BenchStoreLocation; redisUrl: string; overlay?: Record<string, unknown> },
): CliProcess {
  const dir = mkdtempSync(join(tmpdir(), 'carevoice-bench-cli-'));
  const configPath = join(dir, 'config.json');
  const peakFile = join(dir, 'peak-rss.jsonl');
  writeFileSync(
    configPath,
    JSON.stringify({
      dataDir: options.location.dataDir,
      exportDir: join(dir, 'exports'),
      log: { level: 'warn' },
      ...options.overlay,
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CAREVOICE_CONFIG: configPath,
    REDIS_URL: options.redisUrl,
    CAREVOICE_AUTHOR_HASH_KEY: 'carevoice-bench-author-hash-key-0123456789',
    CAREVOICE_BENCH_PEAK_RSS_FILE: peakFile,
    LOG_LEVEL: 'warn',
  };
  delete env['DATABASE_URL'];
  if (options.location.databaseUrl) env['DATABASE_URL'] = options.location.databaseUrl;
  const root = packageRoot();
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'bench/support/report-peak-rss.mjs'),
      '--import',
      'tsx',
      join(root, 'src/cli/main.ts'),
      ...args,
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let tail = '';
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => tail,
    stdout: () => out,
    peakRssMb() {
      try {
        const line = readFileSync(peakFile, 'utf8').trim().split('\n').at(-1)!;
        return (JSON.parse(line) as { maxRssKb: number }).maxRssKb / 1024;
      } catch {
        return undefined;
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
