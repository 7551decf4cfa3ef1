import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGracefulShutdown } from '../../../src/queue/shutdown.js';

const quietLogger = () => pino({ level: 'silent' });

describe('createGracefulShutdown', () => {
  it('closes workers, then queues, then the last steps, in that order', async () => {
    const order: string[] = [];
    const closable = (name: string) => ({ close: async () => void order.push(name) });
    const report = await createGracefulShutdown(
      { workers: [closable('worker')], queues: [closable('queue')], finally: [async () => void order.push('redis')] },
      { logger: quietLogger(), graceMs: 1000 },
    ).shutdown('test');
    expect(order).toEqual(['worker', 'queue', 'redis']);
    expect(report).toMatchObject({ clean: true, timedOut: [], failed: [] });
  });

  it('moves on when a worker never closes, and when a step throws', async () => {
    const order: string[] = [];
    const report = await createGracefulShutdown(
      {
        workers: [{ close: () => new Promise<void>(() => {}) }],
        queues: [{ close: async () => Promise.reject(new Error('boom')) }],
        finally: [async () => void order.push('finally')],
      },
      { logger: quietLogger(), graceMs: 200 },
    ).shutdown('test');
    expect(report).toMatchObject({ clean: false, timedOut: ['workers'], failed: ['queues'] });
    expect(order).toEqual(['finally']);
  });

  it('runs once however often it is asked', async () => {
    let closes = 0;
    const graceful = createGracefulShutdown(
      { workers: [{ close: async () => void closes++ }] },
      { logger: quietLogger(), graceMs: 500 },
    );
    const [a, b] = await Promise.all([graceful.shutdown('one'), graceful.shutdown('two')]);
    expect(a).toBe(b);
    expect(closes).toBe(1);
  });
});
