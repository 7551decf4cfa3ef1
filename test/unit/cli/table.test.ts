import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src/cli/table.js';

describe('formatTable', () => {
  it('right-aligns numeric columns, groups whole numbers, and gives a column with fractions two decimals throughout', () => {
    const text = formatTable(
      ['trust', 'comments', 'estimate'],
      [
        ['RBV', 12_345, 58],
        ['RPY', 7, 57.5],
      ],
    );
    expect(text.split('\n')).toEqual([
      'trust  comments  estimate',
      '-----  --------  --------',
      'RBV      12,345     58.00',
      'RPY           7     57.50',
    ]);
  });

  it('leaves text and mixed columns left-aligned', () => {
    expect(
      formatTable(
        ['a', 'b'],
        [
          ['x', 1],
          ['y', ''],
        ],
      ).split('\n'),
    ).toEqual(['a  b', '-  -', 'x  1', 'y']);
  });
});
