import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, nhsNumberDetector } from '../../../src/domain/redaction/nhs-number.js';
import { valuesFound } from './helpers.js';

describe('isValidNhsNumber', () => {
  it.each(['9434765919', '6069326067', '4545838081', '8127680001'])('accepts %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  it.each(['9434765918', '5526306768', '1234567890', '943476591', 'abcdefghij'])('rejects %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  it('rejects a number whose check digit would have to be 10', () => {
    // Weights 10…2 over 100000001 sum to 12, and 11 − (12 mod 11) = 10: no tenth digit can pass.
    expect(['1000000010', '1000000011', '1000000019'].some(isValidNhsNumber)).toBe(false);
  });
});

describe('nhsNumberDetector', () => {
  it.each(['943 476 5919', '943-476-5919', '9434765919', '943  476  5919'])('finds %s', (n) => {
    expect(valuesFound(nhsNumberDetector, `NHS number ${n}.`)).toEqual([n]);
  });

  it.each([
    'NHS number 943 476 5918',
    'reference 552 630 6768',
    'order 94347659190',
    'a 943 476-5919 mixed separator',
    'price £943 476 5919',
  ])('finds nothing in %j', (text) => {
    expect(valuesFound(nhsNumberDetector, text)).toEqual([]);
  });
});
