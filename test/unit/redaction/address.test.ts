import { describe, expect, it } from 'vitest';
import { addressDetector } from '../../../src/domain/redaction/address.js';
import { valuesFound } from './helpers.js';

describe('addressDetector', () => {
  it.each([
    ['I live at 14 Oak Avenue now', '14 Oak Avenue'],
    ['Flat 3, 22 High Street is upstairs', 'Flat 3, 22 High Street'],
    ['send it to 7 Church Lane please', '7 Church Lane'],
    ['3a Mill Close, the ambulance got lost', '3a Mill Close'],
    ["my dad lives at 9 St John's Road alone", "9 St John's Road"],
    ['Apartment 12, 5 Harbour View', 'Apartment 12, 5 Harbour View'],
    ['Address: 14, Oak Avenue, Leeds', '14, Oak Avenue'],
    ['number 10 Downing St.', '10 Downing St.'],
  ])('finds the street address in %j', (text, value) => {
    expect(valuesFound(addressDetector, text)).toEqual([value]);
  });

  it.each([
    ['Rose Cottage, Church Lane, Little Snoring, NR21 0AB', 'Rose Cottage, Church Lane, Little Snoring'],
    ['Flat 2, Kingfisher Court, Leeds LS9 7TF', 'Flat 2, Kingfisher Court, Leeds'],
    ['I live at 14 Oak Avenue, Leeds LS1 4AB.', '14 Oak Avenue, Leeds'],
  ])('finds the address line before the postcode in %j', (text, value) => {
    expect(valuesFound(addressDetector, text)).toEqual([value]);
  });

  it.each([
    'St James University Hospital, Beckett Street, Leeds LS9 7TF',
    'My mum Doreen, Leeds LS8 1AA',
    'ward 7, bay 4, bed 14',
    'cycle 4 of 6 went well',
    'I had 15 sessions of radiotherapy',
    '3 times down the road',
    'we waited 2 hours in the lane',
    'level 3 of the Cancer Centre',
  ])('keeps %j', (text) => {
    expect(valuesFound(addressDetector, text)).toEqual([]);
  });
});
