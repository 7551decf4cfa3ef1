import { describe, expect, it } from 'vitest';
import { hospitalNumberDetector } from '../../../src/domain/redaction/hospital-number.js';
import { valuesFound } from './helpers.js';

describe('hospitalNumberDetector', () => {
  it.each([
    ['My hospital number is RTH1234567.', 'RTH1234567'],
    ['Hospital number: K123456', 'K123456'],
    ['hospital no.K654321', 'K654321'],
    ['MRN 12345678', '12345678'],
    ['MRN: A1234567', 'A1234567'],
    ['MRN#00123456', '00123456'],
    ['patient number 4567890 on the wristband', '4567890'],
    ['Patient ID: P12345678', 'P12345678'],
    ['unit no. 0987654', '0987654'],
    ['hosp no H0012345', 'H0012345'],
    ['my hosp number is 7654321', '7654321'],
    ['Hospital number 123 4567, NHS number unknown', '123 4567'],
    ['Medical record number MR1234567', 'MR1234567'],
    ['the ID on my wristband was K998877', 'K998877'],
    ['the label read RXH0012345 so it was mine', 'RXH0012345'],
  ])('finds the number in %j', (text, value) => {
    expect(valuesFound(hospitalNumberDetector, text)).toEqual([value]);
  });

  it.each([
    'unit number 5 was closed',
    'I was patient number 3 in the queue',
    'my hospital number was on the letter',
    'the RTH trust code',
    'trial NCT01234567 recruited me',
    'case of 1 in 1000',
  ])('keeps %j', (text) => {
    expect(valuesFound(hospitalNumberDetector, text)).toEqual([]);
  });
});
