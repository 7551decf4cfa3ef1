import { describe, expect, it } from 'vitest';
import { parsePostedAt } from '../../../../src/connectors/file/posted-at.js';

describe('parsePostedAt', () => {
  it.each([
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T10:20:30Z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05T10:20:30.123456+01:00', '2024-03-05T09:20:30.123Z'],
    ['2024-03-05 10:20', '2024-03-05T10:20:00.000Z'],
    ['2024-03-05T10:20:30+0100', '2024-03-05T09:20:30.000Z'],
    ['05/03/2024', '2024-03-05T00:00:00.000Z'],
    ['5/3/2024', '2024-03-05T00:00:00.000Z'],
    ['29/02/2024', '2024-02-29T00:00:00.000Z'],
    // Impossible as day/month, valid as month/day: seen in real FFT exports.
    ['5/31/2022', '2022-05-31T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(parsePostedAt(text)).toBe(expected);
  });

  it.each([
    'yesterday',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-03-05T24:00:00Z',
    '31/31/2024',
    '2024/03/05',
    '',
    '05-03-2024',
  ])('rejects %j', (text) => {
    expect(parsePostedAt(text)).toBeNull();
  });
});
