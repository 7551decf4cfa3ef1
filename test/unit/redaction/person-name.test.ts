import { describe, expect, it } from 'vitest';
import { personNameDetector } from '../../../src/domain/redaction/person-name.js';
import { valuesFound } from './helpers.js';

describe('personNameDetector', () => {
  it.each([
    ['Dr Smith explained everything', ['Smith']],
    ['Dr. Okafor rang me', ['Okafor']],
    ['Mrs Patel on the chemo unit', ['Patel']],
    ["Ms O'Brien was patient", ["O'Brien"]],
    ["Mr Smith-Jones's team", ['Smith-Jones']],
    ['Prof Williams took time', ['Williams']],
    ['Professor Ahmed is the reason', ['Ahmed']],
    ['Sister Mary ran the ward', ['Mary']],
    ['Nurse Jenny held my hand', ['Jenny']],
    ['the nurse Tina was kind', ['Tina']],
    ['Matron Clarke sorted it', ['Clarke']],
    ['Miss Harrison did my surgery', ['Harrison']],
    ['Sir Simon visited', ['Simon']],
    ['Dame Deborah would be proud', ['Deborah']],
    ['Dr J. Patel and Dr Nguyen', ['J. Patel', 'Nguyen']],
    ['Mrs K Davies was our CNS', ['K Davies']],
    ['Thank you Dr Zoë Müller', ['Zoë Müller']],
    ['Dr SMITH never looked up', ['SMITH']],
    ['Dr Mohammed Al-Hassan gave us the news', ['Mohammed Al-Hassan']],
  ])('finds the name after a title in %j', (text, names) => {
    expect(valuesFound(personNameDetector, text)).toEqual(names);
  });

  it.each([
    ['my husband David came', ['David']],
    ["My husband David's chemo", ['David']],
    ['my wife Sarah Jones was treated', ['Sarah Jones']],
    ['my mum Jean was diagnosed', ['Jean']],
    ['our son Tom was on the unit', ['Tom']],
    ['my daughter-in-law Priya drove me', ['Priya']],
    ['my mother in law Jean has it too', ['Jean']],
    ['My partner, Chris, was not allowed in', ['Chris']],
    ['my wife (Helen) has bowel cancer', ['Helen']],
    ['My late husband Bill', ['Bill']],
    ['My Husband David was there', ['David']],
    ['my hubby Pete was a rock', ['Pete']],
    ['My sons Tom and Ben visited', ['Tom', 'Ben']],
    ['My mum, June, was treated', ['June']],
  ])('finds the name after a relation in %j', (text, names) => {
    expect(valuesFound(personNameDetector, text)).toEqual(names);
  });

  it.each([
    ['My name is Gary Thompson and', ['Gary Thompson']],
    ["I'm called Bex and I'm 34", ['Bex']],
    ["I'm Gemma, 42", ['Gemma']],
    ['call me Lou', ['Lou']],
    ['Signed Margaret Evans', ['Margaret Evans']],
    ['Kind regards,\nAlan', ['Alan']],
    ['Best wishes, Pat', ['Pat']],
    ['a nurse called Kate stayed', ['Kate']],
    ['a lovely HCA named Joy', ['Joy']],
    ['Big thanks to Julie and Mark in radiotherapy', ['Julie', 'Mark']],
    ['Thank you Sandra, you were great', ['Sandra']],
  ])('finds the name after %j', (text, names) => {
    expect(valuesFound(personNameDetector, text)).toEqual(names);
  });

  it.each([
    'my husband was amazing',
    'Nurse was lovely but rushed',
    "my mum's chemo was moved",
    'The Dr Foster Unit was calm',
    'Sister Ward is where I had my transplant',
    'Nurse Practitioner appointments',
    'Thank you to everyone on Ward 5',
    'I called Macmillan and they called the ward',
    'a therapy called Schema',
    'Thank you NHS',
    'my wife and I',
  ])('finds nothing in %j', (text) => {
    expect(valuesFound(personNameDetector, text)).toEqual([]);
  });

  it.each([
    ['Dr Smith Monday morning', ['Smith']],
    ['Dr Smith Thank you', ['Smith']],
    ["Dr I've seen", []],
    ["I'm A Patient on the ward", []],
    ['Sir Bobby Robson Foundation', []],
    ["Dr Gray's Hospital", []],
    ['Mrs Smith 2019', ['Smith']],
  ])('stops a name at words that are not names in %j', (text, names) => {
    expect(valuesFound(personNameDetector, text)).toEqual(names);
  });
});
