import { type Detector, spansOf } from './detector.js';

/** Full month names, or abbreviations with an optional full stop ("Sept.", "Oct"). */
const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|' +
  '(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?)';
const ORDINAL = '(?:st|nd|rd|th)?';

/** Date shapes: 12/03/1957, 12.03.57, 1957-03-12, 12 March 1957, 12th of March, March 12th 1957, March 1957, 12/3. */
const DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)` +
  `|\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)` +
  `|\\d{1,2}${ORDINAL}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(?:\\d{4}|'?\\d{2})(?!\\d))?(?![\\w'])` +
  `|${MONTH}\\s+\\d{1,2}${ORDINAL}(?:,?\\s+\\d{4})?(?![\\w'])` +
  `|${MONTH},?\\s+\\d{4}(?!\\d)` +
  `|\\d{1,2}/\\d{1,2}(?![\\d/]))`;

/** Cues that make a nearby date a date of birth; any other date (an appointment) is kept. */
const CUE = '(?:\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|\\bdate\\s+of\\s+birth\\b|\\bbirth\\s*date\\b|\\bborn\\b|\\bbirthday\\b)';
/** Words allowed between cue and date: "DOB: …", "born on the …", "DOB as …", "date of birth (…)". */
const GAP = '(?:[\\s:,(=–-]|\\b(?:is|was|as|on|the|of|in|being|her|his|my)\\b){0,12}';

const CUED_DATE = new RegExp(`${CUE}${GAP}(${DATE})`, 'gid');
/** The date first, then the cue: "12/03/1957 (DOB)". */
const DATE_THEN_CUE = new RegExp(
  `(?<![\\w/.-])(${DATE})\\s*[(,]?\\s*(?:d\\.?\\s?o\\.?\\s?b\\b\\.?|date\\s+of\\s+birth\\b)`,
  'gid',
);
const CUE_TEST = /d\.?\s?o\.?\s?b|birth|born/i;

export const dateOfBirthDetector: Detector = {
  kind: 'date_of_birth',
  needsDigit: true,
  mayMatch: (text) => CUE_TEST.test(text),
  find(text) {
    const cued = spansOf(text, CUED_DATE, 'date_of_birth', 1);
    const reversed = spansOf(text, DATE_THEN_CUE, 'date_of_birth', 1);
    if (reversed.length === 0) return cued;
    const fresh = reversed.filter((r) => !cued.some((c) => c.start < r.end && r.start < c.end));
    return cued.concat(fresh).sort((a, b) => a.start - b.start);
  },
};
