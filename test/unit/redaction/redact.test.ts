import { describe, expect, it } from 'vitest';
import { REDACTION_KINDS } from '../../../src/domain/model.js';
import { findRedactionSpans, REDACTION_TOKENS, redact } from '../../../src/domain/redaction/redact.js';

describe('redact', () => {
  it('replaces each kind with its token and counts it', () => {
    const input =
      'Dr Khan said ring 0161 496 0111 or email khan.sec@example.nhs.uk; NHS number 943 476 5919, ' +
      'DOB 02/02/1940, hospital number RTH1234567, 12 Park Avenue, LS8 1AA.';
    const { text, redactions } = redact(input);
    expect(text).toBe(
      'Dr [NAME] said ring [PHONE] or email [EMAIL]; NHS number [NHS_NUMBER], ' +
        'DOB [DOB], hospital number [HOSPITAL_NUMBER], [ADDRESS], [POSTCODE].',
    );
    expect(redactions).toEqual([
      { kind: 'email', count: 1 },
      { kind: 'phone', count: 1 },
      { kind: 'nhs_number', count: 1 },
      { kind: 'postcode', count: 1 },
      { kind: 'date_of_birth', count: 1 },
      { kind: 'hospital_number', count: 1 },
      { kind: 'person_name', count: 1 },
      { kind: 'address', count: 1 },
    ]);
  });

  it('lists only kinds found, in REDACTION_KINDS order, with counts', () => {
    const { redactions } = redact('Nurse Kelly, 07700 900123, Dr Jones, 07700 900124');
    expect(redactions).toEqual([
      { kind: 'phone', count: 2 },
      { kind: 'person_name', count: 2 },
    ]);
    const order = redactions.map((r) => REDACTION_KINDS.indexOf(r.kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('returns a clean comment unchanged with no redactions', () => {
    const clean = 'Stage 2, cycle 4 of 6, 40 Gy in 15 fractions on ward 7 at 10:30. Lovely staff.';
    expect(redact(clean)).toEqual({ text: clean, redactions: [] });
  });

  it('prefers a valid NHS number over a phone reading and a cued hospital number over both', () => {
    expect(redact('NHS number 943 476 5919').text).toBe('NHS number [NHS_NUMBER]');
    expect(redact('case number 9434765919').text).toBe('case number [HOSPITAL_NUMBER]');
    // Fails the modulus-11 check, so it is no NHS number; it is still a valid phone shape.
    expect(redact('ring 0161 496 0000').redactions).toEqual([{ kind: 'phone', count: 1 }]);
  });

  it('is idempotent on already redacted text', () => {
    const once = redact('Dr Smith, 07700 900123, jane@example.com, LS1 4AB, DOB 12/03/1957').text;
    expect(redact(once)).toEqual({ text: once, redactions: [] });
  });

  it('uses tokens that no detector matches', () => {
    for (const token of Object.values(REDACTION_TOKENS)) {
      expect(findRedactionSpans(`${token} ${token}, Dr ${token} my husband ${token}`)).toEqual([]);
    }
  });

  it('returns spans in order, without overlaps, in original coordinates', () => {
    const text = 'my wife Sarah, 14 Oak Avenue, Leeds LS1 4AB, 07700 900123';
    const spans = findRedactionSpans(text);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'Sarah',
      '14 Oak Avenue, Leeds',
      'LS1 4AB',
      '07700 900123',
    ]);
  });

  it('handles very long text with many findings', () => {
    const chunk = 'Dr Smith rang 07700 900123 about LS1 4AB and a@example.com. Stage 2, cycle 4. ';
    const text = chunk.repeat(40_000); // ~3 MB, 160,000 findings
    const { redactions } = redact(text);
    expect(redactions.reduce((n, r) => n + r.count, 0)).toBe(160_000);
  });

  it('never throws on a 10 MB text of digits, capitals and separators', () => {
    const text = `${'0'.repeat(3_000_000)}${'A1 '.repeat(1_000_000)}${'@'.repeat(1_000_000)}${'Dr '.repeat(1_000_000)}`;
    expect(text.length).toBeGreaterThanOrEqual(10_000_000);
    expect(() => redact(text)).not.toThrow();
  });
});
