import type { RedactionKind } from '../../domain/model.js';
import type { Random } from './prng.js';

/**
 * Made-up personal details planted in some sample comments so redaction has something to find.
 * None can belong to a real person: phone numbers are in Ofcom's drama range (07700 900000–900999),
 * emails use example.com, and NHS numbers start 999, a range never issued to patients.
 */

export interface PlantedDetail {
  kind: RedactionKind;
  /** The exact text planted. */
  value: string;
}

export const MALE_NAMES = [
  'Dave',
  'Steve',
  'Gary',
  'Mohammed',
  'Tom',
  'Kevin',
  'Raj',
  'Paul',
  'Darren',
  'Ian',
  'Colin',
];
export const FEMALE_NAMES = [
  'Sheila',
  'Karen',
  'Priya',
  'Sue',
  'Janet',
  'Fatima',
  'Linda',
  'Claire',
  'Aisha',
  'Margaret',
];
export const DOCTOR_SURNAMES = [
  'Okafor',
  'Patel',
  'Nowak',
  'Campbell',
  'Hughes',
  'Adeyemi',
  'Khan',
  'Fitzgerald',
  'Chen',
];
const OUTWARD_CODES = ['M20', 'SW3', 'LS9', 'NE7', 'B15', 'CB2', 'OX3', 'S10', 'BS2', 'L7', 'NG5', 'PL6', 'SE1', 'NW3'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The mod-11 check digit of a 9-digit NHS number stem, or null when the stem has none (remainder 10). */
export function nhsCheckDigit(stem: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(stem[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

export function isValidNhsNumber(text: string): boolean {
  const digits = text.replace(/\s/g, '');
  return /^\d{10}$/.test(digits) && nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

function nhsNumber(random: Random): string {
  for (;;) {
    const stem = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(stem);
    if (check !== null) {
      const digits = `${stem}${check}`;
      return random.chance(0.6) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
    }
  }
}

function phoneNumber(random: Random): string {
  const line = String(random.int(0, 999)).padStart(3, '0');
  return random.pick([`07700 900${line}`, `07700900${line}`, `+44 7700 900${line}`]);
}

function postcode(random: Random): string {
  const letters = `${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`;
  return `${random.pick(OUTWARD_CODES)} ${random.int(1, 9)}${letters}`;
}

/** A sentence carrying one personal detail, and the detail. `name` and `doctor` come from the caller. */
export function plantDetail(
  random: Random,
  kind: 'phone' | 'email' | 'nhs_number' | 'postcode',
  trust: string,
): { sentence: string; detail: PlantedDetail } {
  switch (kind) {
    case 'phone': {
      const value = phoneNumber(random);
      const sentence = random.pick([
        `If anyone from ${trust} reads this please call me on ${value}.`,
        `PALS can ring me on ${value}, I'm still waiting for an answer.`,
        `My number is ${value} if the complaints team want to talk.`,
      ]);
      return { sentence, detail: { kind, value } };
    }
    case 'email': {
      const first = random.pick([...MALE_NAMES, ...FEMALE_NAMES]).toLowerCase();
      const value = `${first}.${random.pick(DOCTOR_SURNAMES).toLowerCase()}${random.int(1, 99)}@example.com`;
      const sentence = random.pick([
        `Email me at ${value} if you want the details.`,
        `Happy to talk to anyone going through the same, ${value}`,
      ]);
      return { sentence, detail: { kind, value } };
    }
    case 'nhs_number': {
      const value = nhsNumber(random);
      const sentence = random.pick([
        `My NHS number is ${value} if anyone wants to check the records.`,
        `NHS no. ${value}, look it up yourselves.`,
      ]);
      return { sentence, detail: { kind, value } };
    }
    case 'postcode': {
      const value = postcode(random);
      const sentence = random.pick([
        `We live in ${value} and the travel is a killer.`,
        `Anyone near ${value} know a good support group?`,
      ]);
      return { sentence, detail: { kind, value } };
    }
  }
}
