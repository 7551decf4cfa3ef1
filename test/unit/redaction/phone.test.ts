import { describe, expect, it } from 'vitest';
import { phoneDetector } from '../../../src/domain/redaction/phone.js';
import { valuesFound } from './helpers.js';

describe('phoneDetector', () => {
  it.each([
    '07700 900123',
    '07700-900-123',
    '07700900123',
    '07700.900.123',
    '07700 900 123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)7700 900123',
    '+44 (0) 7700 900123',
    '0044 7700 900123',
    '00447700900123',
    '0161 496 0000',
    '(0161) 4960000',
    '(0161) 496 0000',
    '0161-496-0000',
    '020 7946 0000',
    '(020) 7946 0000',
    '+44 20 7946 0000',
    '0044 (0)20 7946 0000',
    '01632 960123',
    '01632960123',
    '016977 2345',
    '0800 123 4567',
    '0800 123 456',
    '0300 123 4567',
    '0845-600-4567',
    '0808 157 0192',
    '7700 900 456',
  ])('finds %s', (phone) => {
    expect(valuesFound(phoneDetector, `ring ${phone} please`)).toEqual([phone]);
  });

  it('keeps a bracket that does not belong to the number', () => {
    expect(valuesFound(phoneDetector, 'the unit (07700 900123) rang')).toEqual(['07700 900123']);
  });

  it('stops at the end of a valid number and leaves the prose after it', () => {
    expect(valuesFound(phoneDetector, 'call 07700 900123 12 times')).toEqual(['07700 900123']);
  });

  it('finds numbers separated by a slash', () => {
    expect(valuesFound(phoneDetector, '0161 496 0000/0161 496 0001')).toEqual(['0161 496 0000', '0161 496 0001']);
  });

  it.each([
    'appointment on 01/02/2023 at 10:30',
    'letter dated 01.02.2023, seen 10.02.2023',
    'stage 2, grade 3, cycle 4 of 6',
    'PSA of 0.5 then 0.1',
    'I scored it 10/10',
    'called 111 then 999',
    'order 0412345678',
    'numbers 01 02 03 04 05 06',
    '0.5mg of lorazepam 0.5mg',
    'came in at 07:45, left at 19:30',
    '40 Gy in 15 fractions',
  ])('finds nothing in %j', (text) => {
    expect(valuesFound(phoneDetector, text)).toEqual([]);
  });
});
