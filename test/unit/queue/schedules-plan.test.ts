import { describe, expect, it } from 'vitest';
import { ScheduleConfigError } from '../../../src/queue/errors/schedule-config-error.js';
import { planSchedules } from '../../../src/queue/schedulers.js';

describe('planSchedules', () => {
  it('namespaces ids, defaults tz to Europe/London and routes collect by source', () => {
    const plan = planSchedules([
      {
        id: 'hourly-sample',
        stage: 'collect',
        pattern: '0 0 * * * *',
        payload: { source: 'sample', cursor: null, runId: 'cron' },
      },
      { id: 'nightly-export', stage: 'export', pattern: '0 2 * * *', tz: 'UTC', payload: { date: '2025-01-01' } },
    ]);
    expect(plan).toEqual([
      {
        schedulerId: 'carevoice.hourly-sample',
        queueName: 'collect-sample',
        stage: 'collect',
        pattern: '0 0 * * * *',
        tz: 'Europe/London',
        data: { source: 'sample', cursor: null, pageNumber: 0, runId: 'cron' },
      },
      expect.objectContaining({ schedulerId: 'carevoice.nightly-export', queueName: 'export', tz: 'UTC' }),
    ]);
  });

  it('reports duplicate ids and a collect schedule whose source disagrees with its payload', () => {
    const error = (() => {
      try {
        planSchedules([
          { id: 'a', stage: 'aggregate', pattern: '0 1 * * *', payload: {} },
          { id: 'a', stage: 'aggregate', pattern: '0 1 * * *', payload: {} },
          {
            id: 'c',
            stage: 'collect',
            source: 'file',
            pattern: '0 1 * * *',
            payload: { source: 'sample', cursor: null, runId: 'x' },
          },
        ]);
      } catch (e) {
        return e as ScheduleConfigError;
      }
      throw new Error('expected a ScheduleConfigError');
    })();
    expect(error).toBeInstanceOf(ScheduleConfigError);
    expect(error.problems).toEqual([
      'schedule "a": the id is used twice',
      'schedule "c": source "file" differs from payload source "sample"',
    ]);
  });
});
