import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { procCpuSeconds } from './process-cpu.js';
import { procStatusMb } from './process-memory.js';

/**
 * `carevoice worker process` children, run from the TypeScript sources with tsx (the same code the
 * built CLI runs) or from the built CLI (`npm run build`, as the Docker image runs it). Each keeps
 * the tail of its output so a failure can be shown.
 */

export interface FleetOptions {
  /** The repository root (holds src/cli/main.ts and node_modules). */
  root: string;
  count: number;
  env: NodeJS.ProcessEnv;
  /** Extra node flags for the children, e.g. `--cpu-prof`. @defaultValue none */
  nodeFlags?: readonly string[];
  /** Run `dist/src/cli/main.js` (built) instead of the sources through tsx. @defaultValue false */
  built?: boolean;
}

export interface WorkerFleet {
  readonly pids: number[];
  /** Resolves once the process queue lists `count` workers; rejects if a child exits first. */
  ready(processQueue: Queue, timeoutMs: number): Promise<void>;
  /** Peak resident set (VmHWM) of each live child, in MB. */
  peakRssMb(): number[];
  /** CPU time the live children have used since they started, summed, in seconds. */
  cpuSeconds(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when every child has exited. */
  stop(graceMs: number): Promise<void>;
  /** The last lines each child wrote. */
  output(): string;
}

const TAIL_CHARS = 4000;

export function startWorkerFleet(options: FleetOptions): WorkerFleet {
  if (options.built && !existsSync(join(options.root, 'dist/src/cli/main.js')))
    throw new Error('no built CLI in dist/: run `npm run build` before running the workers built');
  const children: { child: ChildProcess; tail: string; exited: Promise<number | null> }[] = [];
  for (let i = 0; i < options.count; i++) {
    const entry = options.built
      ? [join(options.root, 'dist/src/cli/main.js')]
      : ['--import', 'tsx', join(options.root, 'src/cli/main.ts')];
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...entry, 'worker', 'process'], {
      cwd: options.root,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const state = {
      child,
      tail: '',
      exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    };
    const keep = (chunk: Buffer) => {
      state.tail = (state.tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push(state);
  }
  const output = () => children.map((c, i) => `--- worker ${i} (pid ${c.child.pid})\n${c.tail}`).join('\n');

  return {
    pids: children.map((c) => c.child.pid!),
    async ready(processQueue, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const gone = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
        if (gone) throw new Error(`a worker exited before it was ready:\n${output()}`);
        if ((await processQueue.getWorkersCount()) >= options.count) return;
        if (Date.now() > deadline) throw new Error(`workers not ready after ${timeoutMs} ms:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    peakRssMb: () => children.map((c) => procStatusMb(c.child.pid!, 'VmHWM') ?? Number.NaN),
    cpuSeconds: () => children.reduce((sum, c) => sum + (procCpuSeconds(c.child.pid!) ?? Number.NaN), 0),
    async stop(graceMs) {
      for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => {
        for (const { child } of children)
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, graceMs);
      await Promise.all(children.map((c) => c.exited));
      clearTimeout(timer);
    },
    output,
  };
}
