import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeConnection, disconnectNow } from './connections.js';

/**
 * Graceful shutdown on SIGTERM/SIGINT: close workers (a running job may finish), then queues,
 * then connections, each within what is left of a bounded grace period. `worker.close()` has no
 * timeout of its own and waits forever when Redis is gone, so every step is raced against the clock.
 */

export interface ShutdownTargets {
  /** Stage runners or bare workers; anything with `close()`. Closed first. */
  workers: readonly { close(): Promise<void> }[];
  /** Producer queues and other Redis users. Closed second. */
  queues?: readonly { close(): Promise<void> }[];
  /** Connections the process owns. Closed third (QUIT, or a hard disconnect when Redis is gone). */
  connections?: readonly Redis[];
  /** Last steps, e.g. stopping a private redis-server. */
  finally?: readonly (() => Promise<void>)[];
}

export interface ShutdownOptions {
  /** Total time allowed before the process exits anyway. @defaultValue 25000 (inside a 30 s container stop) */
  graceMs?: number;
  logger: Logger;
  /** Ends the process. @defaultValue process.exit */
  exit?: (code: number) => void;
  /** Signals that start a shutdown. @defaultValue SIGTERM and SIGINT */
  signals?: readonly NodeJS.Signals[];
}

export interface ShutdownReport {
  /** True when every step finished inside its budget. */
  clean: boolean;
  /** Steps cut short by the clock, e.g. `workers`. */
  timedOut: string[];
  /** Steps that threw (logged); the steps after them still ran. */
  failed: string[];
  durationMs: number;
}

export interface GracefulShutdown {
  /** Runs the shutdown once (later calls get the same report); does not exit the process. */
  shutdown(reason: string): Promise<ShutdownReport>;
  /** Listens for the signals: shuts down, then exits 0 (clean) or 1. Returns a function that stops listening. */
  install(): () => void;
}

export function createGracefulShutdown(targets: ShutdownTargets, options: ShutdownOptions): GracefulShutdown {
  const graceMs = options.graceMs ?? 25_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { logger } = options;
  let running: Promise<ShutdownReport> | undefined;

  const shutdown = (reason: string): Promise<ShutdownReport> => {
    running ??= (async () => {
      const started = Date.now();
      const deadline = started + graceMs;
      // Keep a slice of the grace period for queues and connections, which are quick when Redis answers.
      const reserve = Math.min(2000, graceMs / 4);
      const timedOut: string[] = [];
      logger.info({ reason, graceMs }, 'shutting down');
      const failed: string[] = [];
      const step = async (name: string, until: number, work: () => Promise<unknown>) => {
        try {
          if (!(await withinMs(Math.max(0, until - Date.now()), work))) {
            timedOut.push(name);
            logger.warn({ step: name }, 'shutdown step ran out of time; moving on');
          }
        } catch (error) {
          // Record and go on: the later steps still have to release what they hold.
          failed.push(name);
          logger.error({ err: error, step: name }, 'shutdown step failed; moving on');
        }
      };
      await step('workers', deadline - reserve, () => Promise.all(targets.workers.map((w) => w.close())));
      await step('queues', deadline - reserve / 2, () => Promise.all((targets.queues ?? []).map((q) => q.close())));
      await step('connections', deadline, () =>
        Promise.all((targets.connections ?? []).map((c) => closeConnection(c, Math.max(100, deadline - Date.now())))),
      );
      // Connections that did not close in time are cut, so no socket keeps the process alive.
      for (const connection of targets.connections ?? []) if (connection.status !== 'end') disconnectNow(connection);
      await step('finally', Math.max(deadline, Date.now() + 1000), () =>
        Promise.all((targets.finally ?? []).map((fn) => fn())),
      );
      const report = {
        clean: timedOut.length + failed.length === 0,
        timedOut,
        failed,
        durationMs: Date.now() - started,
      };
      logger.info(report, 'shutdown finished');
      return report;
    })();
    return running;
  };

  const install = () => {
    const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    let forced: NodeJS.Timeout | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (running) {
        // A second signal means the operator wants out now.
        logger.warn({ signal }, 'second signal during shutdown; exiting at once');
        exit(1);
        return;
      }
      forced = setTimeout(() => {
        logger.error({ graceMs }, 'shutdown exceeded its grace period; forcing exit');
        exit(1);
      }, graceMs + 1000);
      forced.unref();
      shutdown(signal).then(
        (report) => {
          clearTimeout(forced);
          exit(report.clean ? 0 : 1);
        },
        (error: unknown) => {
          clearTimeout(forced);
          logger.error({ err: error }, 'shutdown failed');
          exit(1);
        },
      );
    };
    for (const signal of signals) process.on(signal, onSignal);
    return () => {
      for (const signal of signals) process.off(signal, onSignal);
      clearTimeout(forced);
    };
  };

  return { shutdown, install };
}

/** Runs `work` and reports whether it finished within `ms`; a rejection is passed on. */
async function withinMs(ms: number, work: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
