import type { Detector, RedactionSpan } from './detector.js';

/**
 * A run that starts like a UK number (+44, 0044, 0, "(0", or a mobile written without its 0: "7700 …")
 * and continues with digits split by single spaces, dashes, dots or brackets. Every repeat is bounded,
 * so a long digit soup costs linear time.
 */
const CANDIDATE =
  /(?<![\w+.,£$€])(?:(?:\+[ \u00a0]?|00)44[ \u00a0]?(?:\([ \u00a0]?0[ \u00a0]?\)[ \u00a0]?)?|\(?[ \u00a0]?0|(?=7\d{3}))(?:\d|[ \u00a0.-]\(?|\)[ \u00a0.-]?){8,26}/g;
const INTERNATIONAL = /^(?:\+[ \u00a0]?|00)44/;

/**
 * Valid length of a UK national significant number (the digits after the trunk 0): 10 for mobiles
 * (7), London and non-geographic (2, 3, 5, 9) numbers; 9 or 10 for geographic 01 and freephone 08.
 */
function isNationalNumber(nsn: string): boolean {
  const lead = nsn[0] ?? '';
  if (nsn.length === 10) return '1235789'.includes(lead);
  if (nsn.length === 9) return lead === '1' || lead === '8';
  return false;
}

interface DigitGroup {
  digits: string;
  end: number;
}

function digitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  const re = /\d+/g;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    groups.push({ digits: m[0], end: offset + m.index + m[0].length });
  }
  return groups;
}

/** Where the phone number in a candidate run ends, or -1: the longest prefix of whole digit groups
 *  that spells a valid UK number. Trailing groups ("… 123 then 5 times") are left as prose. */
function phoneEnd(run: string, offset: number): number {
  const international = INTERNATIONAL.test(run);
  // A mobile without its trunk 0 ("7700 900123") must be all ten digits with a 4-digit first group.
  const bareMobile = run.startsWith('7');
  const groups = digitGroups(run, offset);
  // A national number's first group holds the trunk 0 plus an area code: "0161", "020", "07700".
  if (!international && (groups[0]?.digits.length ?? 0) < (bareMobile ? 4 : 3)) return -1;
  let digits = '';
  let best = -1;
  for (const g of groups) {
    digits += g.digits;
    let national = international ? digits.replace(/^(?:00)?44/, '') : digits;
    if (national.startsWith('0')) national = national.slice(1);
    else if (!international && !bareMobile) return -1;
    if (national.length > 10) break;
    if (bareMobile ? national.length === 10 : isNationalNumber(national)) best = g.end;
  }
  return best;
}

/**
 * A reference cue just before a number: "order ref 0123456789", "booking no. 0800…", "NHS number …".
 * Such a number is an order or a mistyped NHS number, not a phone.
 */
const REFERENCE_CUE =
  /\b(?:ref(?:erence)?|order|booking|invoice|account|acct|tracking|policy|membership|serial|claim|confirmation|transaction|nhs)\b(?:[ \u00a0]*(?:no\b|number|num\b|#))?[ \u00a0:.#=-]*$/i;
/** How far back a reference cue may stand. */
const CUE_LOOKBACK = 24;

export function findPhones(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const end = phoneEnd(m[0], m.index);
    if (end === -1) continue;
    let start = m.index;
    // Keep an opening bracket only when its closing one is inside the number: "(0161) 496 0000".
    if (text[start] === '(') {
      const close = text.indexOf(')', start);
      if (close === -1 || close >= end) start++;
      while (text[start] === ' ' || text[start] === '\u00a0') start++;
    }
    CANDIDATE.lastIndex = end;
    if (REFERENCE_CUE.test(text.slice(Math.max(0, start - CUE_LOOKBACK), start))) continue;
    spans.push({ kind: 'phone', start, end });
  }
  return spans;
}

export const phoneDetector: Detector = {
  kind: 'phone',
  needsDigit: true,
  mayMatch: (text) => text.includes('0') || text.includes('4') || text.includes('7'),
  find: findPhones,
};
