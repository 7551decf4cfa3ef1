import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerConnection } from '../../../src/queue/connections.js';
import { ScheduleConfigError } from '../../../src/queue/errors/schedule-config-error.js';
import { type ScheduleConfig, syncSchedulers } from '../../../src/queue/schedulers.js';
import { createRedisKit, quietLogger, type RedisKit } from './support/redis-kit.js';

let kit: RedisKit;
const extra: Redis[] = [];
beforeEach(() => {
  kit = createRedisKit();
});
afterEach(async () => {
  for (const c of extra.splice(0)) c.disconnect();
  await kit.cleanup();
});

const schedules: ScheduleConfig[] = [
  {
    id: 'collect-alpha-hourly',
    stage: 'collect',
    pattern: '0 5 * * * *',
    payload: { source: 'alpha', cursor: null, runId: 'scheduled' },
  },
  { id: 'nightly-aggregate', stage: 'aggregate', pattern: '0 30 1 * * *', payload: { reason: 'nightly' } },
  { id: 'nightly-export', stage: 'export', pattern: '0 0 2 * * *', tz: 'UTC', payload: { date: '2025-01-01' } },
];

async function schedulersIn(queueName: string) {
  const queue = new Queue(queueName, { connection: kit.connection, prefix: kit.prefix });
  try {
    const delayed = await queue.getDelayed();
    return { schedulers: await queue.getJobSchedulers(), delayed: delayed.length };
  } finally {
    await queue.close();
  }
}

describe('job schedulers', () => {
  it('four processes upserting at once leave one scheduler and one next job per schedule, with its tz', async () => {
    const runners = Array.from({ length: 4 }, (_, i) => {
      const connection = createWorkerConnection({ url: kit.url, name: `${kit.prefix}:runner-${i}` });
      extra.push(connection);
      return syncSchedulers({ connection, prefix: kit.prefix, schedules, logger: quietLogger() });
    });
    const results = await Promise.all(runners);
    // Exactly one process installed each schedule; the rest found it already in place.
    expect(results.flatMap((r) => r.upserted).sort()).toEqual([
      'carevoice.collect-alpha-hourly',
      'carevoice.nightly-aggregate',
      'carevoice.nightly-export',
    ]);
    expect(results.flatMap((r) => r.unchanged)).toHaveLength(9);

    const collect = await schedulersIn('collect-alpha');
    expect(collect.schedulers).toHaveLength(1);
    expect(collect.schedulers[0]).toMatchObject({
      key: 'carevoice.collect-alpha-hourly',
      tz: 'Europe/London',
      pattern: '0 5 * * * *',
    });
    expect(collect.delayed).toBe(1);
    const exports = await schedulersIn('export');
    expect(exports.schedulers).toEqual([expect.objectContaining({ key: 'carevoice.nightly-export', tz: 'UTC' })]);
    expect(exports.delayed).toBe(1);
    expect((await schedulersIn('aggregate')).schedulers).toHaveLength(1);
  });

  it('updates a changed schedule in place and removes ours that are gone, leaving foreign ones alone', async () => {
    const logger = quietLogger();
    await syncSchedulers({ connection: kit.connection, prefix: kit.prefix, schedules, logger });
    const foreign = new Queue('export', { connection: kit.connection, prefix: kit.prefix });
    await foreign.upsertJobScheduler(
      'someone-else',
      { pattern: '0 0 3 * * *' },
      { name: 'export', data: { date: '2025-01-01' } },
    );
    await foreign.close();

    const changed = [{ ...schedules[0]!, pattern: '0 15 * * * *' }, schedules[1]!];
    const result = await syncSchedulers({ connection: kit.connection, prefix: kit.prefix, schedules: changed, logger });
    expect(result).toEqual({
      upserted: ['carevoice.collect-alpha-hourly'],
      unchanged: ['carevoice.nightly-aggregate'],
      removed: ['carevoice.nightly-export'],
    });
    const collect = await schedulersIn('collect-alpha');
    expect(collect.schedulers).toEqual([expect.objectContaining({ pattern: '0 15 * * * *' })]);
    expect(collect.delayed).toBe(1);
    expect((await schedulersIn('export')).schedulers.map((s) => s.key)).toEqual(['someone-else']);
  });

  it('refuses the whole configuration when any schedule is wrong, and changes nothing', async () => {
    const bad: ScheduleConfig[] = [
      schedules[1]!,
      { id: 'Bad Id', stage: 'aggregate', pattern: 'not a cron', payload: {} },
      { id: 'wrong-tz', stage: 'aggregate', pattern: '0 0 * * *', tz: 'Mars/Olympus', payload: {} },
      { id: 'wrong-payload', stage: 'export', pattern: '0 0 * * *', payload: { date: 'today' } },
    ];
    const error = await syncSchedulers({
      connection: kit.connection,
      prefix: kit.prefix,
      schedules: bad,
      logger: quietLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScheduleConfigError);
    const problems = (error as ScheduleConfigError).problems.join('\n');
    expect(problems).toMatch(/"Bad Id": id must be/);
    expect(problems).toMatch(/"not a cron" is not a cron pattern/);
    expect(problems).toMatch(/"Mars\/Olympus" is not an IANA time zone/);
    expect(problems).toMatch(/"wrong-payload": payload does not match the export schema/);
    expect((await schedulersIn('aggregate')).schedulers).toEqual([]);
  });
});
