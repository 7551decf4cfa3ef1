import { describe, expect, it } from 'vitest';
import {
  allQueueNames,
  assertJobId,
  collectQueueName,
  DEFAULT_QUEUE_PREFIX,
  InvalidQueueNameError,
  queueNameFor,
  stageOfQueue,
} from '../../../src/queue/queue-names.js';

describe('queue names', () => {
  it('names one collect queue per source without ":" (BullMQ refuses it in queue names)', () => {
    expect(collectQueueName('care-opinion')).toBe('collect-care-opinion');
    expect(queueNameFor('process')).toBe('process');
    expect(() => collectQueueName('reddit:nhs')).toThrow(InvalidQueueNameError);
    expect(() => collectQueueName('')).toThrow(InvalidQueueNameError);
    expect(() => queueNameFor('collect')).toThrow(/needs a source/);
  });

  it('lists every queue upstream first, and maps a name back to its stage', () => {
    expect(allQueueNames(['sample', 'file', 'sample'])).toEqual([
      'collect-file',
      'collect-sample',
      'process',
      'aggregate',
      'export',
      'alert',
    ]);
    expect(stageOfQueue('collect-file')).toEqual({ stage: 'collect', source: 'file' });
    expect(stageOfQueue('export')).toEqual({ stage: 'export' });
    expect(stageOfQueue('alert')).toEqual({ stage: 'alert' });
    expect(stageOfQueue('emails')).toBeUndefined();
  });

  it('uses a Redis Cluster hash tag as the default prefix', () => {
    expect(DEFAULT_QUEUE_PREFIX).toMatch(/^\{[^}]+\}$/);
  });

  it('refuses job ids BullMQ reserves', () => {
    expect(() => assertJobId('process-r1-alpha-0')).not.toThrow();
    expect(() => assertJobId('a:b')).toThrow(/':'/);
    expect(() => assertJobId('42')).toThrow(/integer/);
    expect(() => assertJobId('')).toThrow(/1–256/);
  });
});
