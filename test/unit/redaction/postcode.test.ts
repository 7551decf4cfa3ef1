import { describe, expect, it } from 'vitest';
import { postcodeDetector } from '../../../src/domain/redaction/postcode.js';
import { valuesFound } from './helpers.js';

describe('postcodeDetector', () => {
  it.each([
    'LS1 4AB',
    'ls1 4ab',
    'LS14AB',
    'M1 1AE',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'SW1A 1AA',
    'EC1A 1BB',
    'W1A 0AX',
    'GIR 0AA',
    'gir0aa',
    'CF10 3AT',
    'BT9 7AB',
    'Sw1a 1aa',
    'LS1  4AB',
  ])('finds %s', (postcode) => {
    expect(valuesFound(postcodeDetector, `we live in ${postcode}, near the hospital`)).toEqual([postcode]);
  });

  it.each([
    'I live in LS1 and the hospital is in LS9',
    'the M62 was closed',
    'staged T2N0M0, BRCA2 positive',
    'vitamin B12 2nd dose',
    'CA125 of 35',
    'QQ1 1AA is not an area',
    'LS1 4CI has letters no inward code uses',
  ])('finds nothing in %j', (text) => {
    expect(valuesFound(postcodeDetector, text)).toEqual([]);
  });
});
