import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../../../src/domain/redaction/nhs-number.js';
import { REDACTION_TOKENS, redact } from '../../../src/domain/redaction/redact.js';
import { CLINICAL_NUMBERS } from '../../fixtures/redaction/clinical-numbers.js';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const label = fc.array(lower, { minLength: 2, maxLength: 8 }).map((c) => c.join(''));

const email = fc
  .tuple(label, fc.option(label, { nil: undefined }), label, fc.constantFrom('com', 'co.uk', 'org', 'nhs.uk', 'net'))
  .map(([a, b, domain, tld]) => `${a}${b ? `.${b}` : ''}@${domain}.${tld}`);

/** Numbers in the ranges Ofcom keeps for drama, written with spaces, dashes, dots, or +44. */
const phone = fc
  .tuple(digits(3), fc.constantFrom(' ', '-', '.', ''), fc.constantFrom('07700 900', '0161 496 0', '020 7946 0'))
  .chain(([tail, sep, head]) =>
    fc.constantFrom(
      `${head}${tail}`.replace(/ /g, sep),
      `+44 ${head.slice(1)}${tail}`,
      `+44 (0)${head.slice(1)}${tail}`,
    ),
  );

/** Valid NHS numbers: nine random digits plus the check digit that makes them pass modulus 11. */
const nhsNumber = fc
  .tuple(
    digits(9).filter((d) => d[0] !== '0'),
    fc.constantFrom(' ', '-', ''),
  )
  .map(([nine, sep]) => {
    const check = Array.from({ length: 10 }, (_, i) => `${nine}${i}`).find(isValidNhsNumber);
    return check ? `${check.slice(0, 3)}${sep}${check.slice(3, 6)}${sep}${check.slice(6)}` : null;
  })
  .filter((n): n is string => n !== null);

const upper = fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ');
const postcode = fc
  .tuple(
    fc.constantFrom('LS', 'M', 'B', 'SW', 'EC', 'NE', 'CF', 'BT', 'G', 'DN'),
    fc.integer({ min: 1, max: 29 }),
    digit,
    upper,
    upper,
    fc.constantFrom(' ', ''),
  )
  .map(([area, district, d, a, b, sep]) => `${area}${district}${sep}${d}${a}${b}`);

const personal = fc.oneof(
  email.map((value) => ({ value, carrier: `email ${value} please` })),
  phone.map((value) => ({ value, carrier: `ring ${value} today` })),
  nhsNumber.map((value) => ({ value, carrier: `NHS number ${value}` })),
  postcode.map((value) => ({ value, carrier: `we live in ${value}` })),
);

const filler = fc.constantFrom('the staff were kind', 'waited ages', 'and then', 'so', 'thank you all', 'chemo', '!');
const clinical = fc.constantFrom(...CLINICAL_NUMBERS);
const separator = fc.constantFrom(' ', ', ', '. ', '\n', ' - ', '; ');

/** Comments built from personal data in plain carriers, clinical numbers and filler. */
const comment = fc
  .array(
    fc.oneof(
      personal.map((p) => ({ text: p.carrier, secret: p.value as string | null, clinical: null as string | null })),
      clinical.map((c) => ({ text: c, secret: null, clinical: c })),
      filler.map((f) => ({ text: f, secret: null, clinical: null })),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((parts) =>
    fc.array(separator, { minLength: parts.length, maxLength: parts.length }).map((seps) => ({
      text: parts.map((p, i) => p.text + seps[i]).join(''),
      secrets: parts.flatMap((p) => (p.secret ? [p.secret] : [])),
      clinical: parts.flatMap((p) => (p.clinical ? [p.clinical] : [])),
    })),
  );

/** Anything at all: names, titles, tokens, digits, punctuation, emoji, control characters. */
const anything = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        'Dr ',
        'Mrs ',
        'Nurse ',
        'my husband ',
        'Smith',
        'Sarah ',
        'Oak Avenue',
        '14 ',
        'DOB ',
        'MRN ',
        '12/03/1957',
        '@',
        ' at ',
        ' dot ',
        'com',
        '07700 900123',
        '+44',
        '(0)',
        'LS1 4AB',
        '943 476 5919',
        ...Object.values(REDACTION_TOKENS),
        '\u0000',
        '\ud800',
        '\udfff',
        '😀',
        '\u00a0',
      ),
      clinical,
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('redaction properties', () => {
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), anything), (text) => {
        const result = redact(text);
        expect(typeof result.text).toBe('string');
      }),
    );
  });

  it('never throws on arbitrary UTF-16 code units, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }), (units) => {
        expect(() => redact(String.fromCharCode(...units))).not.toThrow();
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anything,
          comment.map((c) => c.text),
        ),
        (text) => {
          const once = redact(text);
          expect(redact(once.text)).toEqual({ text: once.text, redactions: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('removes every planted email, phone, NHS number and postcode', () => {
    fc.assert(
      fc.property(comment, ({ text, secrets }) => {
        const out = redact(text).text;
        for (const secret of secrets) expect(out).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every clinical number', () => {
    fc.assert(
      fc.property(comment, ({ text, clinical: kept }) => {
        const out = redact(text).text;
        for (const phrase of kept) expect(out).toContain(phrase);
      }),
      { numRuns: 300 },
    );
  });

  it('counts exactly the tokens it inserts', () => {
    fc.assert(
      fc.property(comment, ({ text }) => {
        const { text: out, redactions } = redact(text);
        const inserted = Object.values(REDACTION_TOKENS).reduce((n, t) => n + out.split(t).length - 1, 0);
        expect(redactions.reduce((n, r) => n + r.count, 0)).toBe(inserted);
      }),
    );
  });
});
