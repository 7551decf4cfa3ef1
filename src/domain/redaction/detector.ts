import type { RedactionKind } from '../model.js';

/** A stretch of the original text, [start, end) in UTF-16 code units, that one detector wants removed. */
export interface RedactionSpan {
  kind: RedactionKind;
  start: number;
  end: number;
}

/**
 * One kind of personal data. `mayMatch` is the cheap first pass (an '@', a cue word…) that lets clean
 * comments skip `find`; it must never return false when `find` could return a span.
 */
export interface Detector {
  kind: RedactionKind;
  /** True when `find` only ever matches text holding at least one ASCII digit. */
  needsDigit: boolean;
  mayMatch(text: string): boolean;
  find(text: string): RedactionSpan[];
}

/**
 * Collects every match of a global regex as spans of one kind. `group` picks a capture group when the
 * regex also matches context that must stay (a cue word); such a regex needs the `d` flag for indices.
 */
export function spansOf(text: string, pattern: RegExp, kind: RedactionKind, group = 0): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const range: readonly [number, number] | undefined =
      group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[group];
    if (range && range[1] > range[0]) spans.push({ kind, start: range[0], end: range[1] });
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return spans;
}
