import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src/cli/table.js';

describe('formatTable', () => {
  it('right-aligns numeric columns, groups thousands, and gives a column the decimals its values have', () => {
    const text = formatTable(
      ['trust', 'comments', 'estimate', 'share'],
      [
        ['RBV', 12_345, 58, 0.583],
        ['RPY', 7, 57.5, 0.5],
      ],
    );
    expect(text.split('\n')).toEqual([
      'trust  comments  estimate  share',
      '-----  --------  --------  -----',
      'RBV      12,345      58.0  0.583',
      'RPY           7      57.5  0.500',
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
