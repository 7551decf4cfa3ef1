import { describe, expect, it } from 'vitest';
import { mapColumns, rowFields } from '../../../../src/connectors/file/csv-columns.js';
import { toParsedItem } from '../../../../src/connectors/file/record-fields.js';

const at = { location: 'in.jsonl:3', raw: 'raw line' };

function codeOf(fields: Record<string, unknown>, fallbackId?: string): string {
  const parsed = toParsedItem(fields, { ...at, fallbackId });
  return parsed.ok ? 'ok' : parsed.rejection.code;
}

describe('toParsedItem', () => {
  it('normalises a full record', () => {
    const parsed = toParsedItem(
      {
        id: 17,
        text: '  Lovely team on the ward  ',
        question: 'What was good?',
        postedAt: '2025-01-02',
        url: 'https://example.org/17',
        author: 'someone',
        odsCode: ' rbv ',
        extra: 'ignored',
      },
      at,
    );
    expect(parsed).toEqual({
      ok: true,
      item: {
        externalId: '17',
        text: 'Lovely team on the ward',
        question: 'What was good?',
        postedAt: '2025-01-02T00:00:00.000Z',
        url: 'https://example.org/17',
        authorHandle: 'someone',
        odsCode: 'RBV',
      },
    });
  });

  it('accepts a tombstone without text', () => {
    const parsed = toParsedItem({ id: 'a', deleted: true }, at);
    expect(parsed).toMatchObject({ ok: true, item: { externalId: 'a', text: '', deleted: true } });
  });

  it.each([
    [{ text: 'hi' }, 'missing_id'],
    [{ id: '  ', text: 'hi' }, 'missing_id'],
    [{ id: 'x'.repeat(513), text: 'hi' }, 'id_too_long'],
    [{ id: { a: 1 }, text: 'hi' }, 'wrong_type'],
    [{ id: 1.5, text: 'hi' }, 'wrong_type'],
    [{ id: 'a' }, 'missing_text'],
    [{ id: 'a', text: null }, 'missing_text'],
    [{ id: 'a', text: ' \n ' }, 'empty_text'],
    [{ id: 'a', text: 5 }, 'wrong_type'],
    [{ id: 'a', text: 'hi', question: ['x'] }, 'wrong_type'],
    [{ id: 'a', text: 'hi', deleted: 'maybe' }, 'wrong_type'],
    [{ id: 'a', text: 'hi', postedAt: 'last Tuesday' }, 'invalid_date'],
    [{ id: 'a', text: 'hi', postedAt: 20240101 }, 'wrong_type'],
    [{ id: 'a', text: 'hi', odsCode: 'R-BV' }, 'invalid_ods_code'],
  ])('rejects %j as %s', (fields, code) => {
    expect(codeOf(fields)).toBe(code);
  });

  it('keeps the id, location and raw record on a rejection', () => {
    const parsed = toParsedItem({ id: 'a', text: 'hi', postedAt: 'soon' }, at);
    expect(parsed).toEqual({
      ok: false,
      rejection: {
        externalId: 'a',
        code: 'invalid_date',
        reason: '"postedAt" "soon" is not a valid date',
        raw: 'raw line',
        location: 'in.jsonl:3',
      },
    });
  });

  it('uses the fallback id only when the record has no id field', () => {
    expect(toParsedItem({ text: 'hi' }, { ...at, fallbackId: 'abc:2' })).toMatchObject({
      item: { externalId: 'abc:2' },
    });
    expect(codeOf({ id: '', text: 'hi' }, 'abc:2')).toBe('missing_id');
  });

  it('reads CSV words for deleted', () => {
    expect(toParsedItem({ id: 'a', text: '', deleted: 'TRUE' }, at)).toMatchObject({ item: { deleted: true } });
    expect(codeOf({ id: 'a', text: 'hi', deleted: 'no' })).toBe('ok');
  });
});

describe('mapColumns', () => {
  it('matches names case-insensitively and accepts the FFT framework names', () => {
    const header = ['Comment ID', 'Trust', 'Date', 'FFT\u00a0question', 'FFT answer', 'ODS Code'];
    const columns = mapColumns(header);
    expect(columns).toEqual({ id: 0, postedAt: 2, question: 3, text: 4, odsCode: 5 });
    expect(rowFields(['c1', 'T', '01/02/2024', 'What was good?', 'Kind staff', 'RBV'], columns)).toEqual({
      id: 'c1',
      postedAt: '01/02/2024',
      question: 'What was good?',
      text: 'Kind staff',
      odsCode: 'RBV',
    });
  });

  it('prefers a field’s own name over its alias', () => {
    expect(mapColumns(['FFT answer', 'TEXT', 'id'])).toEqual({ text: 1, id: 2 });
  });
});
