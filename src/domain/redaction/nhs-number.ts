import type { Detector, RedactionSpan } from './detector.js';

/** Ten digits, unspaced or grouped 3-3-4 with one repeated separator (a dash or 1–2 spaces), not inside a longer number. */
const CANDIDATE = /(?<![\w+.,/£$€-])(\d{3})([ \u00a0]{1,2}|-|)(\d{3})\2(\d{4})(?![\w]|[.,/-]\d)/g;

/**
 * The NHS number's modulus-11 check: weights 10…2 on the first nine digits, check digit
 * 11 − (sum mod 11), where 11 means 0 and 10 means the number can never be issued.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

/** An unspaced run like "01614960000" or "0800123456" is phone-shaped; leave it to the phone detector. */
const PHONE_SHAPED = /^0[1-35789]/;

export function findNhsNumbers(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (m[2] === '' && PHONE_SHAPED.test(digits)) continue;
    if (isValidNhsNumber(digits)) spans.push({ kind: 'nhs_number', start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export const nhsNumberDetector: Detector = {
  kind: 'nhs_number',
  needsDigit: true,
  mayMatch: (text) => /\d{3}/.test(text),
  find: findNhsNumbers,
};
