import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { expect } from 'vitest';
import type { StageHandlers } from '../../../../src/pipeline/stage.js';
import { createWorkerConnection } from '../../../../src/queue/connections.js';

/** Shared Redis for queue tests; REDIS_URL overrides. Each test gets its own key prefix. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export function freshPrefix(): string {
  return `{cvtest-${randomBytes(5).toString('hex')}}`;
}

export interface RedisKit {
  url: string;
  prefix: string;
  /** A worker-role connection named after the prefix (so the leak check sees it). */
  connection: Redis;
  /** Closes the kit's connection, fails if anything named after the prefix is still connected, then deletes every key under the prefix. */
  cleanup(): Promise<void>;
}

export function createRedisKit(url: string = TEST_REDIS_URL): RedisKit {
  const prefix = freshPrefix();
  const connection = createWorkerConnection({ url, name: `${prefix}:test-kit` });
  return {
    url,
    prefix,
    connection,
    async cleanup() {
      connection.disconnect();
      const admin = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        const leaked = await openConnectionsFor(admin, prefix);
        await deleteKeys(admin, prefix);
        expect(leaked, `connections left open under ${prefix}`).toEqual([]);
      } finally {
        admin.disconnect();
      }
    },
  };
}

/**
 * Names of clients still connected whose name carries the prefix (ours, and BullMQ's blocking
 * connections, which it names `<prefix>:<queue>`). Closing is asynchronous on the server side, so
 * this waits up to 2 s for them to go.
 */
export async function openConnectionsFor(admin: Redis, prefix: string): Promise<string[]> {
  let names: string[] = [];
  for (let i = 0; i < 40; i++) {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    names = list
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      .filter((name) => name.includes(prefix));
    if (names.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return names;
}

/** Obliterates everything under the prefix: all its queues and meta keys. */
export async function deleteKeys(admin: Redis, prefix: string): Promise<void> {
  // Braces are literal in Redis glob patterns; only * ? [ ] \ need escaping.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A logger that keeps every line, for asserting on structured fields. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Record<string, unknown>) },
  );
  return { logger, lines };
}

export function quietLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A full handler map: the given handlers, and ones that do nothing for the rest. */
export function handlersWith(partial: Partial<StageHandlers>): StageHandlers {
  const noop = async () => undefined;
  return { collect: noop, process: noop, aggregate: noop, export: noop, alert: noop, ...partial };
}

/** Polls until `check` is true, failing with `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
