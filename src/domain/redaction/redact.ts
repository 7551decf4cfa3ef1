import { REDACTION_KINDS, type RedactionCount, type RedactionKind } from '../model.js';
import { addressDetector } from './address.js';
import { dateOfBirthDetector } from './date-of-birth.js';
import type { Detector, RedactionSpan } from './detector.js';
import { emailDetector } from './email.js';
import { hospitalNumberDetector } from './hospital-number.js';
import { nhsNumberDetector } from './nhs-number.js';
import { personNameDetector } from './person-name.js';
import { phoneDetector } from './phone.js';
import { postcodeDetector } from './postcode.js';
import { signatureDetector } from './signature.js';

export type { RedactionSpan } from './detector.js';

/** What each kind of personal data is replaced with. None holds a digit, '@' or capitalised word, so
 *  redacting redacted text finds nothing new. */
export const REDACTION_TOKENS: Readonly<Record<RedactionKind, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  nhs_number: '[NHS_NUMBER]',
  postcode: '[POSTCODE]',
  date_of_birth: '[DOB]',
  hospital_number: '[HOSPITAL_NUMBER]',
  person_name: '[NAME]',
  address: '[ADDRESS]',
};

/**
 * Detectors in priority order: where two spans overlap, the earlier detector wins. Emails first (they
 * hold digits and names), then numbers an explicit cue calls a hospital number, then validated NHS
 * numbers before phones (a 10-digit run failing the check may still be a phone), then the rest.
 */
const DETECTORS: readonly Detector[] = [
  emailDetector,
  hospitalNumberDetector,
  nhsNumberDetector,
  phoneDetector,
  postcodeDetector,
  dateOfBirthDetector,
  addressDetector,
  personNameDetector,
  signatureDetector,
];

const HAS_DIGIT = /\d/;
/** Above this many candidate spans, overlap is checked with a per-character mask instead of pairwise. */
const PAIRWISE_LIMIT = 32;

function overlapsAny(span: RedactionSpan, kept: RedactionSpan[]): boolean {
  for (const k of kept) if (span.start < k.end && k.start < span.end) return true;
  return false;
}

/** Keeps, in priority order, every span that does not overlap one already kept; returns them by position. */
function resolveOverlaps(candidates: RedactionSpan[]): RedactionSpan[] {
  const kept: RedactionSpan[] = [];
  if (candidates.length <= PAIRWISE_LIMIT) {
    for (const span of candidates) if (!overlapsAny(span, kept)) kept.push(span);
  } else {
    const end = candidates.reduce((max, s) => Math.max(max, s.end), 0);
    const claimed = new Uint8Array(end);
    for (const span of candidates) {
      if (claimed.subarray(span.start, span.end).includes(1)) continue;
      claimed.fill(1, span.start, span.end);
      kept.push(span);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Every stretch of personal data in `text`, by position, non-overlapping, in the original text's
 * coordinates: one pass of `redact` replaces exactly these. Evaluations compare them with expected spans.
 */
export function findRedactionSpans(text: string): RedactionSpan[] {
  const hasDigit = HAS_DIGIT.test(text);
  const candidates: RedactionSpan[] = [];
  let detectorsWithSpans = 0;
  for (const detector of DETECTORS) {
    if (detector.needsDigit && !hasDigit) continue;
    if (!detector.mayMatch(text)) continue;
    const found = detector.find(text);
    if (found.length === 0) continue;
    detectorsWithSpans++;
    for (const span of found) candidates.push(span);
  }
  // One detector never reports overlapping spans of its own, so only a mix needs resolving.
  return detectorsWithSpans > 1 ? resolveOverlaps(candidates) : candidates;
}

export interface RedactionResult {
  /** The text with every span of personal data replaced by its kind's token. */
  text: string;
  /** How many spans of each kind were replaced: only kinds with a count above 0, in REDACTION_KINDS order. */
  redactions: RedactionCount[];
}

/**
 * Passes over the text until nothing more is found. A token can open a boundary the original text
 * lacked ("07700 900123LS1 4AB" → "[PHONE]LS1 4AB"), so a second pass runs whenever the first found
 * something. Each pass that finds anything turns at least one character into a token, so passes end;
 * the cap is a guard only.
 */
const MAX_PASSES = 8;

function replaceSpans(text: string, spans: RedactionSpan[], counts: Map<RedactionKind, number>): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.start) + REDACTION_TOKENS[span.kind];
    cursor = span.end;
    counts.set(span.kind, (counts.get(span.kind) ?? 0) + 1);
  }
  return out + text.slice(cursor);
}

/**
 * Removes personal data from a comment before it is stored or enqueued. Pure, total (never throws on
 * any string) and idempotent: redacting redacted text changes nothing.
 */
export function redact(text: string): RedactionResult {
  let spans = findRedactionSpans(text);
  if (spans.length === 0) return { text, redactions: [] };
  const counts = new Map<RedactionKind, number>();
  let out = text;
  for (let pass = 0; pass < MAX_PASSES && spans.length > 0; pass++) {
    out = replaceSpans(out, spans, counts);
    spans = findRedactionSpans(out);
  }
  const redactions: RedactionCount[] = [];
  for (const kind of REDACTION_KINDS) {
    const count = counts.get(kind);
    if (count) redactions.push({ kind, count });
  }
  return { text: out, redactions };
}
