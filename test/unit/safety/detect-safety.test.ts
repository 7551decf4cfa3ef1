import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/paths.js';
import { SAFETY_KINDS, type SafetyKind } from '../../../src/domain/model.js';
import { detectSafety } from '../../../src/domain/safety/detect-safety.js';

interface SafetyCase {
  text: string;
  kinds: SafetyKind[];
}

const cases = readFileSync(join(packageRoot(), 'test/fixtures/safety/cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as SafetyCase);

describe('safety cases.jsonl', () => {
  it('has at least 120 cases with positives for every kind and hard negatives', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    for (const kind of SAFETY_KINDS)
      expect(cases.filter((c) => c.kinds.includes(kind)).length, kind).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.kinds.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => {
    expect(detectSafety(c.text).map((s) => s.kind)).toEqual(SAFETY_KINDS.filter((k) => c.kinds.includes(k)));
  });
});

describe('detectSafety', () => {
  it('handles negation within a clause only', () => {
    expect(detectSafety('No falls during his stay')).toEqual([]);
    expect(detectSafety('There were no problems but then he had a fall')).toEqual([{ kind: 'fall' }]);
  });

  it('needs a delay or neglect word before flagging a deterioration sign', () => {
    expect(detectSafety('She had sepsis and was treated straight away')).toEqual([]);
    expect(detectSafety('She had sepsis and was left waiting in the corridor')).toEqual([
      { kind: 'missed_deterioration' },
    ]);
  });

  it('treats a service named after an event as no event', () => {
    expect(detectSafety('the falls prevention team visited')).toEqual([]);
  });

  it('returns each kind once', () => {
    expect(detectSafety('He had a fall, then another fall, then fell out of bed')).toEqual([{ kind: 'fall' }]);
  });
});
