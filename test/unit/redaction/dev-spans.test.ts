import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../../src/config/paths.js';
import type { RedactionKind } from '../../../src/domain/model.js';
import { findRedactionSpans } from '../../../src/domain/redaction/redact.js';

interface Case {
  id: string;
  text: string;
  expected: { kind: RedactionKind; value: string }[];
}

const cases: Case[] = readFileSync(shippedFile('test/fixtures/redaction/cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as Case);

/** Each expected value located in its text, so spans can be compared by overlap, as the evaluation does. */
function located(c: Case) {
  return c.expected.map((e) => {
    const start = c.text.indexOf(e.value);
    return { kind: e.kind, start, end: start + e.value.length };
  });
}

describe('every development case, span by span', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const found = findRedactionSpans(c.text);
    const gold = located(c);
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      a.start < b.end && b.start < a.end;
    const missed = gold.filter((g) => !found.some((f) => f.kind === g.kind && overlaps(f, g)));
    const spurious = found.filter((f) => !gold.some((g) => g.kind === f.kind && overlaps(f, g)));
    expect(
      missed.map((m) => c.text.slice(m.start, m.end)),
      'missed',
    ).toEqual([]);
    expect(
      spurious.map((s) => `${s.kind}: ${c.text.slice(s.start, s.end)}`),
      'spurious',
    ).toEqual([]);
  });
});
