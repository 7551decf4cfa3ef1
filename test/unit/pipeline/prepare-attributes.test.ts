import { describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../../src/connectors/connector.js';
import { prepareAttributes } from '../../../src/pipeline/collect/prepare-attributes.js';
import { type PrepareContext, prepareItem } from '../../../src/pipeline/collect/prepare-item.js';
import { MAX_ATTRIBUTE_TAGS, MAX_TAG_LENGTH } from '../../../src/pipeline/comment-attributes.js';
import type { Redactor } from '../../../src/pipeline/stage-deps.js';

/** A stand-in redactor: masks 11-digit phone numbers, so a cut through one would show. */
const redact: Redactor = (text) => {
  let count = 0;
  const masked = text.replace(/\b0\d{10}\b/g, () => {
    count++;
    return '[PHONE]';
  });
  return { text: masked, redactions: count > 0 ? [{ kind: 'phone', count }] : [] };
};

const ctx: PrepareContext = {
  source: 'care-opinion',
  page: { url: 'https://example.org/p1', fetchedAt: '2024-05-02T10:00:00Z', contentHash: 'a'.repeat(64) },
  redact,
  authorHashKey: 'test-secret-key-0123456789',
  maxTextLength: 1000,
  receivedAt: '2024-05-02T10:00:01.000Z',
};
const prepare = (attributes: unknown) =>
  prepareItem({ ok: true, item: { externalId: 'c1', text: 'Invented story.', attributes } as NormalisedItem }, ctx);

describe('source-specific attributes in the collect stage', () => {
  it('keeps the attributes, redacting tag and service text and counting what was redacted', () => {
    const prepared = prepare({
      tags: ['  kind   nurses ', 'call 01234567890', 'kind nurses', ''],
      criticality: -3,
      fftRating: 2,
      service: 'Day unit\n(ring 09876543210)',
    });
    expect(prepared).toMatchObject({
      kind: 'comment',
      comment: {
        attributes: {
          tags: ['kind nurses', 'call [PHONE]'],
          criticality: -3,
          fftRating: 2,
          service: 'Day unit (ring [PHONE])',
        },
        redactions: [{ kind: 'phone', count: 2 }],
      },
    });
  });

  it('caps the number and length of tags, cutting only after redaction', () => {
    const many = Array.from({ length: MAX_ATTRIBUTE_TAGS + 5 }, (_, i) => `tag ${i}`);
    const result = prepareAttributes({ tags: many }, redact);
    expect(result.ok && result.attributes?.tags).toHaveLength(MAX_ATTRIBUTE_TAGS);
    // The phone number straddles the cut: redacted whole first, so no digits survive the cut.
    const long = `${'x'.repeat(MAX_TAG_LENGTH - 5)} 01234567890`;
    const cut = prepareAttributes({ tags: [long] }, redact);
    expect(cut.ok && cut.attributes?.tags?.[0]).toBe(`${'x'.repeat(MAX_TAG_LENGTH - 5)} [PHO`);
    expect(cut.ok && cut.redactions).toEqual([{ kind: 'phone', count: 1 }]);
  });

  it('leaves attributes out when nothing is left of them', () => {
    const prepared = prepare({ tags: ['  '], service: '\u0000' });
    expect(prepared.kind).toBe('comment');
    expect(prepared.kind === 'comment' && 'attributes' in prepared.comment).toBe(false);
    expect(prepareAttributes(undefined, redact)).toEqual({ ok: true, attributes: undefined, redactions: [] });
  });

  it('quarantines values off their scale and unknown keys, naming the field', () => {
    for (const [attributes, field] of [
      [{ criticality: 6 }, 'criticality'],
      [{ criticality: 1.5 }, 'criticality'],
      [{ fftRating: 7 }, 'fftRating'],
      [{ tags: 'nurses' }, 'tags'],
      [{ rating: 3 }, 'rating'],
    ] as const) {
      const prepared = prepare(attributes);
      expect(prepared, JSON.stringify(attributes)).toMatchObject({
        kind: 'quarantine',
        record: { code: 'invalid_attributes', externalId: 'c1' },
      });
      expect(prepared.kind === 'quarantine' && prepared.record.reason).toContain(field);
    }
  });
});
