import { describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../../src/connectors/connector.js';
import { hashAuthor, type PrepareContext, prepareItem } from '../../../src/pipeline/collect/prepare-item.js';

const KEY = 'test-secret-key-0123456789';
const ctx: PrepareContext = {
  source: 'sample',
  page: { url: 'https://example.org/p1', fetchedAt: '2024-05-02T10:00:00Z', contentHash: 'a'.repeat(64) },
  // A stand-in redactor: replaces the word "Dr Smith" so we can see redaction ran.
  redact: (text) => {
    const count = text.split('Dr Smith').length - 1;
    return {
      text: text.replaceAll('Dr Smith', '[NAME]'),
      redactions: count > 0 ? [{ kind: 'person_name' as const, count }] : [],
    };
  },
  authorHashKey: KEY,
  maxTextLength: 100,
  receivedAt: '2024-05-02T10:00:01.000Z',
};
const ok = (item: Partial<NormalisedItem>) =>
  prepareItem({ ok: true, item: { externalId: 'c1', text: 'x', ...item } }, ctx);

describe('prepareItem', () => {
  it('normalises, redacts and hashes the author into a redacted comment', () => {
    const prepared = ok({
      text: '  Dr  Smith was\tkind ',
      question: 'What was good?',
      postedAt: '2024-04-30',
      url: 'https://example.org/c1',
      authorHandle: 'jane_doe',
      odsCode: ' rbv ',
    });
    expect(prepared).toEqual({
      kind: 'comment',
      comment: {
        source: 'sample',
        externalId: 'c1',
        text: '[NAME] was kind',
        question: 'What was good?',
        postedAt: '2024-04-30T00:00:00.000Z',
        fetchedAt: '2024-05-02T10:00:00.000Z',
        url: 'https://example.org/c1',
        authorHash: hashAuthor('jane_doe', KEY),
        odsCode: 'RBV',
        pageHash: 'a'.repeat(64),
        redactions: [{ kind: 'person_name', count: 1 }],
      },
    });
    expect(JSON.stringify(prepared)).not.toContain('jane_doe');
  });

  it('hashes handles with the key: same handle same hash, another key another hash', () => {
    expect(hashAuthor('jane', KEY)).toBe(hashAuthor('jane', KEY));
    expect(hashAuthor('jane', KEY)).not.toBe(hashAuthor('jane', `${KEY}x`));
    expect(hashAuthor('jane', KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('quarantines empty, too long and undated items with stable codes, never keeping the handle', () => {
    const empty = ok({ text: ' \u0000 ', authorHandle: 'jane_doe' });
    expect(empty).toMatchObject({ kind: 'quarantine', record: { code: 'missing_text', externalId: 'c1' } });
    expect(JSON.stringify(empty)).not.toContain('jane_doe');
    expect(ok({ text: 'y'.repeat(101) })).toMatchObject({ record: { code: 'text_too_long' } });
    expect(ok({ text: 'y'.repeat(100) }).kind).toBe('comment');
    expect(ok({ postedAt: 'last Tuesday' })).toMatchObject({ record: { code: 'invalid_date' } });
    expect(ok({ externalId: '  ' })).toMatchObject({ record: { code: 'invalid_id' } });
  });

  it('redacts the payload of a connector rejection and keeps its location', () => {
    const prepared = prepareItem(
      {
        ok: false,
        rejection: { code: 'wrong_type', reason: 'text is a number', raw: { note: 'Dr Smith' }, location: 'line 4' },
      },
      ctx,
    );
    expect(prepared).toEqual({
      kind: 'quarantine',
      record: {
        source: 'sample',
        externalId: undefined,
        code: 'wrong_type',
        reason: 'text is a number',
        payload: '{"note":"[NAME]"}',
        location: 'line 4',
        receivedAt: ctx.receivedAt,
      },
    });
  });

  it('turns a tombstone into a deletion', () => {
    expect(ok({ deleted: true, text: '' })).toEqual({ kind: 'deleted', externalId: 'c1' });
  });
});
