import { describe, expect, it } from 'vitest';
import { emailDetector } from '../../../src/domain/redaction/email.js';
import { valuesFound } from './helpers.js';

describe('emailDetector', () => {
  it.each([
    ['write to jane.smith@example.co.uk today', 'jane.smith@example.co.uk'],
    ['(pals@example.nhs.uk)', 'pals@example.nhs.uk'],
    ["sarah.o'neill@example.ie is mine", "sarah.o'neill@example.ie"],
    ['m.jones+feedback@example.org.', 'm.jones+feedback@example.org'],
    ['email me:peter@example.com', 'peter@example.com'],
    ['jane.smith @ example.com', 'jane.smith @ example.com'],
    ['DAVE@EXAMPLE.COM', 'DAVE@EXAMPLE.COM'],
  ])('finds the address in %j', (text, value) => {
    expect(valuesFound(emailDetector, text)).toEqual([value]);
  });

  it.each([
    ['john dot smith at gmail dot com', 'john dot smith at gmail dot com'],
    ['jane[at]example[dot]co[dot]uk', 'jane[at]example[dot]co[dot]uk'],
    ['bob (at) example (dot) com please', 'bob (at) example (dot) com'],
    ['mary.jones at example dot org', 'mary.jones at example dot org'],
  ])('finds the spelled-out address in %j', (text, value) => {
    expect(valuesFound(emailDetector, text)).toEqual([value]);
  });

  it.each([
    'meet @ 10am by the lifts',
    'follow us @nhs',
    'I was at home.com for ages',
    'we stayed at home dot the whole time',
    'user@localhost',
    'a dotted line on the scan',
  ])('finds nothing in %j', (text) => {
    expect(valuesFound(emailDetector, text)).toEqual([]);
  });

  it('finds every address in a list', () => {
    expect(valuesFound(emailDetector, 'a@example.com, b@example.com and c@example.org')).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.org',
    ]);
  });
});
