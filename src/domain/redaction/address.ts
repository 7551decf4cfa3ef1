import { type Detector, type RedactionSpan, spansOf } from './detector.js';
import { findPostcodes } from './postcode.js';

const STREET_TYPES =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|Pl|Grove|Gardens|Gdns|' +
  'Terrace|Walk|Square|Sq|Hill|Row|Mews|Rise|View|Green|Parade|Boulevard|Vale|Gate|Croft|Chase|Wynd|Fold|Brow|Meadows|Park';
/** A capitalised word of a street name: "Oak", "St", "John's", "Ashby-de-la". */
const NAME_WORD = "[A-Z][A-Za-z'’]*(?:-[A-Za-z'’]+){0,3}";
/** A flat or unit before the house number: "Flat 3, ", "Apartment 12B ". */
const FLAT = '(?:(?:Flat|Apartment|Apt|Unit|Room)\\.?\\s+\\d{1,4}[A-Za-z]?,?\\s+)';

/** House number + 1–3 capitalised name words + street type: "14 Oak Avenue", "Flat 3, 22 High Street". */
const STREET_ADDRESS = new RegExp(
  `(?<![\\w.:/£$€-])${FLAT}?\\d{1,4}[A-Za-z]?,?[ \\u00a0]+(?:${NAME_WORD}[ \\u00a0]+){1,3}(?:${STREET_TYPES})\\b\\.?(?![ \\u00a0]+(?:Hospital|Infirmary|Centre|Center|Clinic|Unit|Ward|Surgery|Station)\\b)`,
  'g',
);

/** Everyday street words written in lower case: "27b church lane". Short types ("way", "view") are too common. */
const LOWER_STREET_TYPES = 'street|road|avenue|lane|close|drive|crescent|grove|gardens|terrace|mews|cottages';
/** Words of prose, not of a street name: "3 times down the road", "10 minutes up the lane". */
const NOT_STREET_WORDS = new Set(
  `the a an my his her our their this that to from up down along across round around in on at of and or by for with
into onto off past near minutes minute mins min hours hour hrs seconds days weeks months years times miles mile
yards metres meters steps floors doors cars houses people patients visits trips each every very too more short
long quick hour's mile's bus buses car taxi`.split(/\s+/),
);
const LOWER_STREET_ADDRESS = new RegExp(
  `(?<![\\w.:/£$€-])\\d{1,4}[a-z]?,?[ \\u00a0]+((?:[a-z][a-z'’-]*[ \\u00a0]+){1,2})(?:${LOWER_STREET_TYPES})\\b`,
  'g',
);
/** A named house, maybe with its street: "1 Rose Cottage, Mill Lane", "Ivy House, 4 Station Road". */
const HOUSE_TYPES = 'Cottage|Cottages|House|Farm|Farmhouse|Lodge|Barn|Mill|Hall|Manor|Villa|Villas|Bungalow|Mansions';
const NAMED_HOUSE = new RegExp(
  `(?<![\\w.:/£$€-])(?:\\d{1,4}[A-Za-z]?[ \\u00a0]+)?(?:${NAME_WORD}[ \\u00a0]+){1,2}(?:${HOUSE_TYPES}),[ \\u00a0]*(?:\\d{1,4}[A-Za-z]?,?[ \\u00a0]+)?(?:${NAME_WORD}[ \\u00a0]+){1,3}(?:${STREET_TYPES})\\b`,
  'g',
);
const NUMBERED_HOUSE = new RegExp(
  `(?<![\\w.:/£$€-])\\d{1,4}[A-Za-z]?[ \\u00a0]+(?:${NAME_WORD}[ \\u00a0]+){1,2}(?:${HOUSE_TYPES})\\b`,
  'g',
);
/** "8 The Paddocks", "12 The Willows": a number and a house-collective name. */
const THE_PLACE =
  /(?<![\w.:/£$€-])\d{1,4}[A-Za-z]?,?[ \u00a0]+The[ \u00a0]+(?:Paddocks|Maltings|Willows|Limes|Laurels|Elms|Oaks|Beeches|Firs|Pines|Poplars|Cedars|Hollies|Birches|Sycamores|Chestnuts|Meadows|Orchard|Orchards|Green|Crescent|Drive|Close|Grove|Avenue|Spinney|Copse|Glebe|Chase|Croft|Coppice|Sidings|Stables|Granary|Rookery|Leys|Courtyard|Square|Parade|Broadway|Ridgeway|Uplands|Brambles|Moorings|Quays|Nook|Dell|Hawthorns|Rowans|Larches|Crofts|Fairway|Lawns|Mount)\b/g;

/** Lower-case street addresses whose name words are not prose. */
function lowerCaseStreets(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  LOWER_STREET_ADDRESS.lastIndex = 0;
  for (let m = LOWER_STREET_ADDRESS.exec(text); m !== null; m = LOWER_STREET_ADDRESS.exec(text)) {
    const words = m[1]!.trim().split(/[ \u00a0]+/);
    if (words.some((w) => NOT_STREET_WORDS.has(w))) continue;
    spans.push({ kind: 'address', start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Adds spans that overlap none already kept, then returns all by position. */
function mergeSpans(spans: RedactionSpan[], more: RedactionSpan[]): RedactionSpan[] {
  for (const s of more) if (!spans.some((k) => k.start < s.end && s.start < k.end)) spans.push(s);
  return spans.sort((a, b) => a.start - b.start);
}

/** A comma-separated address line segment: capitalised words, maybe led by a house number or flat. */
const SEGMENT =
  /^(?:(?:Flat|Apartment|Apt)\s+\d{1,4}[A-Za-z]?|(?:(?:Flat|Apartment|Apt)\s+\d{1,4}[A-Za-z]?\s+|\d{1,4}[A-Za-z]?\s+)?[A-Z][A-Za-z'’-]*(?:\s[A-Z][A-Za-z'’-]*){0,4})$/;
/** The trailing run of capitalised words (with a house number) at the end of a segment's lead-in prose. */
const SEGMENT_TAIL =
  /(?:(?:Flat|Apartment|Apt)\s+\d{1,4}[A-Za-z]?\s+)?(?:\d{1,4}[A-Za-z]?\s+)?[A-Z][A-Za-z'’-]*(?:\s[A-Z][A-Za-z'’-]*){0,4}$/;
/** Organisation words: a hospital's own address line is not a person's address. */
const ORGANISATION =
  /\b(?:Hospital|Infirmary|Centre|Center|Clinic|Hospice|Trust|NHS|Surgery|Practice|Unit|University)\b/;
const BUILDING = /\b(?:Flat|Apartment|Apt|Cottage|House|Farm|Lodge|Barn|Court|Mews)\b/;
/** How far before a postcode an address line may start; one line of a letter heading. */
const LINE_WINDOW = 120;

/**
 * The address line before a postcode when it is obvious: at least two comma-separated segments of
 * capitalised words ending at the postcode, one of them with a house number or a building word, or
 * three or more segments. "Rose Cottage, Church Lane, Little Snoring NR21 0AB".
 */
function addressBeforePostcode(text: string, postcode: RedactionSpan): RedactionSpan | null {
  const from = Math.max(0, postcode.start - LINE_WINDOW);
  const before = text.slice(from, postcode.start);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.search(/[.!?;][^.!?;]*$/)) + 1;
  const line = before.slice(lineStart).replace(/[,\s]+$/, '');
  const base = from + lineStart;
  const kept: { text: string; start: number }[] = [];
  let segmentEnd = line.length;
  while (segmentEnd > 0 && kept.length < 4) {
    const comma = line.lastIndexOf(',', segmentEnd - 1);
    const raw = line.slice(comma + 1, segmentEnd);
    const part = raw.trim();
    const partStart = base + comma + 1 + raw.indexOf(part);
    if (part.length === 0 || ORGANISATION.test(part)) break;
    if (SEGMENT.test(part)) {
      kept.unshift({ text: part, start: partStart });
    } else {
      // Prose before the first segment ("I live at 14 Oak Avenue") gives only an address-like tail.
      const tail = SEGMENT_TAIL.exec(part)?.[0].trim();
      if (tail && (/\d/.test(tail) || BUILDING.test(tail)) && !ORGANISATION.test(tail)) {
        kept.unshift({ text: tail, start: partStart + part.lastIndexOf(tail) });
      }
      break;
    }
    segmentEnd = comma;
  }
  const obvious =
    kept.length >= 3 || (kept.length === 2 && kept.some((p) => /\d/.test(p.text) || BUILDING.test(p.text)));
  if (!obvious) return null;
  return { kind: 'address', start: kept[0]!.start, end: base + line.length };
}

export function findAddresses(text: string): RedactionSpan[] {
  // Longest forms first: a named house with its street holds a street address inside it.
  const spans = mergeSpans(spansOf(text, NAMED_HOUSE, 'address'), spansOf(text, STREET_ADDRESS, 'address'));
  mergeSpans(spans, [...spansOf(text, NUMBERED_HOUSE, 'address'), ...spansOf(text, THE_PLACE, 'address')]);
  mergeSpans(spans, lowerCaseStreets(text));
  for (const postcode of findPostcodes(text)) {
    const line = addressBeforePostcode(text, postcode);
    if (!line) continue;
    // Merge with street-address spans it overlaps: one address, one token.
    const overlapping = spans.filter((s) => s.start < line.end && line.start < s.end);
    for (const s of overlapping) {
      line.start = Math.min(line.start, s.start);
      line.end = Math.max(line.end, s.end);
      spans.splice(spans.indexOf(s), 1);
    }
    spans.push(line);
  }
  return spans.sort((a, b) => a.start - b.start);
}

const MAY_MATCH =
  /\d[A-Za-z]?,?[ \u00a0]+[A-Za-z]|\d[A-Za-z]{2}\b|(?:Cottage|House|Farm|Lodge|Barn|Mill|Hall|Manor|Villa|Bungalow),/;

export const addressDetector: Detector = {
  kind: 'address',
  needsDigit: true,
  mayMatch: (text) => MAY_MATCH.test(text),
  find: findAddresses,
};
