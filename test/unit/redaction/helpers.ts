import type { Detector } from '../../../src/domain/redaction/detector.js';

/** The values a detector would remove from `text`, in order. */
export function valuesFound(detector: Detector, text: string): string[] {
  if (!detector.mayMatch(text)) return [];
  return detector.find(text).map((s) => text.slice(s.start, s.end));
}
