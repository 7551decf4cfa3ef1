import { describe, expect, it } from 'vitest';
import { dateOfBirthDetector } from '../../../src/domain/redaction/date-of-birth.js';
import { valuesFound } from './helpers.js';

describe('dateOfBirthDetector', () => {
  it.each([
    ['DOB 12/03/1957', '12/03/1957'],
    ['d.o.b. 12.03.57', '12.03.57'],
    ['D.O.B: 1949-11-02', '1949-11-02'],
    ['date of birth: 12 March 1957', '12 March 1957'],
    ['Date of birth (March 12th 1957)', 'March 12th 1957'],
    ['born on 12 March 1957', '12 March 1957'],
    ['born on the 3rd of May 1945', '3rd of May 1945'],
    ['born 4th June 1971', '4th June 1971'],
    ['born in March 1957', 'March 1957'],
    ['my birthday, 9 February, was in A&E', '9 February'],
    ['birth date 07/07/77', '07/07/77'],
    ['they had my DOB as 01/04/1962', '01/04/1962'],
    ['DOB 30 Sept 1966', '30 Sept 1966'],
    ['DOB - 12 Mar 57', '12 Mar 57'],
    ["born 12th March '57", "12th March '57"],
    ['born Jan 5 1950', 'Jan 5 1950'],
    ['born on December 25th, 1960', 'December 25th, 1960'],
    ['birthday 12/3', '12/3'],
    ['12/03/1957 (DOB) on the letter', '12/03/1957'],
  ])('finds the date in %j', (text, value) => {
    expect(valuesFound(dateOfBirthDetector, text)).toEqual([value]);
  });

  it.each([
    'my appointment on 12/03/2021 was cancelled',
    'surgery on 14 March 2022, home by 16 March',
    'born and raised in Leeds, treated on 12/03/2021 far from home',
    'born in 1957',
    'my baby was born in October. 2 home visits followed',
    'scored 10/10 for the radiographers',
    'DOB was wrong on the letter',
  ])('keeps %j', (text) => {
    expect(valuesFound(dateOfBirthDetector, text)).toEqual([]);
  });
});
