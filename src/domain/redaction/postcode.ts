import type { Detector, RedactionSpan } from './detector.js';

/** The 121 UK postcode areas (plus Crown dependencies); a real area keeps "b12 3rd" style prose out. */
const AREAS =
  'AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|EC|EH|EN|EX|' +
  'FK|FY|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS|LU|ME|MK|ML|NE|NG|' +
  'NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|' +
  'TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE|B|E|G|L|M|N|S|W';

/** Outward code (area + district, e.g. SW1A, M1, DN55), optional space, inward code (digit + 2 letters). */
const POSTCODE = new RegExp(
  `(?<![A-Za-z0-9])(?:(?:${AREAS})(?:\\d[A-Za-z]|\\d{1,2})[ \\u00a0]{0,2}\\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}|GIR ?0AA|gir ?0aa)(?![A-Za-z0-9])`,
  'gi',
);

/**
 * The inward letters must share the case of the outward code's last letter, so "B3 2nd" (mixed case,
 * likely "2nd floor") is prose while "LS1 4AB" and "ls1 4ab" are postcodes; or each part is written in
 * title case ("Tr1 3Lj"), a capital then lower case, which prose never does.
 */
function consistentCase(postcode: string): boolean {
  const compact = postcode.replace(/[ \u00a0]/g, '');
  const inward = compact.slice(-2);
  const outwardLetters = compact.slice(0, -3).replace(/\d/g, '');
  const last = outwardLetters[outwardLetters.length - 1] ?? '';
  const upper = (s: string) => s === s.toUpperCase();
  const lower = (s: string) => s === s.toLowerCase();
  if ((upper(last) && upper(inward)) || (lower(last) && lower(inward))) return true;
  // Title case per part, as phones and forms write it: "Tr1 3Lj", "Sw1a 1Aa".
  const first = outwardLetters[0] ?? '';
  const titled = (part: string) => upper(part[0] ?? '') && lower(part.slice(1));
  return upper(first) && titled(outwardLetters) && titled(inward) && lower(outwardLetters.slice(1) + inward.slice(1));
}

export function findPostcodes(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m !== null; m = POSTCODE.exec(text)) {
    if (consistentCase(m[0])) spans.push({ kind: 'postcode', start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export const postcodeDetector: Detector = {
  kind: 'postcode',
  needsDigit: true,
  mayMatch: (text) => /\d[A-Za-z]{2}/.test(text),
  find: findPostcodes,
};
