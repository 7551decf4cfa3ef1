import { type Detector, spansOf } from './detector.js';

/**
 * Cues for a local patient identifier: "hospital number", "hosp no.", "hospital ID", "MRN", "patient
 * number", "unit no", "wristband", "RM no." (the Royal Marsden's), "K-number" (King's).
 */
const CUE =
  '\\b(?:hospital\\s*(?:number|no\\b\\.?|num\\b|#|id\\b|ref\\b)|hosp\\.?\\s*(?:no\\b\\.?|number|id\\b)|mrn\\b|medical\\s+record\\s+(?:number|no\\b\\.?)|' +
  'patient\\s*(?:number|no\\b\\.?|id\\b)|wrist\\s*band(?:\\s*(?:number|no\\b\\.?|id\\b))?|unit\\s*(?:number|no\\b\\.?)|case\\s*(?:number|no\\b\\.?)|rth\\s*number|' +
  'rm\\s*(?:number|no\\b\\.?)|k[\\s-]?(?:number|no\\b\\.?)|trust\\s*(?:number|no\\b\\.?|id\\b)|hospital\\s+record\\s+(?:number|no\\b\\.?))';
const GAP = '(?:[\\s:#=(,.-]|\\b(?:is|was|of|my|his|her|number|no)\\b){0,8}';
/** An identifier: optional 1–3 letter prefix (RTH, K), then digits, maybe grouped by spaces, dashes or slashes. */
const ID = '(?:[A-Za-z]{1,3}[ -]?)?\\d{2,10}(?:[ /-]\\d{2,7}){0,3}[A-Za-z]?(?![\\w])';

const CUED = new RegExp(`${CUE}${GAP}(${ID})`, 'gid');
/** Oxford-style MRNs (a trust's ODS code + 7 digits, "RTH1234567") are identifiers with or without a cue. */
const TRUST_PREFIXED = /(?<![\w-])R[A-Z0-9]{2}\d{7}(?!\w)/g;
const CUE_TEST = /hosp|mrn|patient|unit|case|record|wrist|rm|k[\s-]?n|trust|R[A-Z0-9]{2}\d/i;

/** An identifier needs at least four digits, so "unit number 5" or "patient no 3 in the queue" stay. */
function hasFourDigits(value: string): boolean {
  return (value.match(/\d/g)?.length ?? 0) >= 4;
}

export const hospitalNumberDetector: Detector = {
  kind: 'hospital_number',
  needsDigit: true,
  mayMatch: (text) => CUE_TEST.test(text),
  find(text) {
    const cued = spansOf(text, CUED, 'hospital_number', 1).filter((s) => hasFourDigits(text.slice(s.start, s.end)));
    const prefixed = spansOf(text, TRUST_PREFIXED, 'hospital_number').filter(
      (p) => !cued.some((c) => c.start < p.end && p.start < c.end),
    );
    return prefixed.length === 0 ? cued : cued.concat(prefixed).sort((a, b) => a.start - b.start);
  },
};
