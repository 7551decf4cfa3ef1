import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../../src/config/paths.js';
import { REDACTION_KINDS, type RedactionKind } from '../../../src/domain/model.js';
import { redact } from '../../../src/domain/redaction/redact.js';

interface Case {
  id: string;
  text: string;
  expected: { kind: RedactionKind; value: string }[];
}

const cases: Case[] = readFileSync(shippedFile('test/fixtures/redaction/cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as Case);

describe('redaction cases (test/fixtures/redaction/cases.jsonl)', () => {
  it('holds at least 250 cases with unique ids, 60 of them with nothing to redact', () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(60);
  });

  it('covers every kind many times, each expected value taken from its own text', () => {
    for (const kind of REDACTION_KINDS) {
      expect(cases.flatMap((c) => c.expected).filter((e) => e.kind === kind).length).toBeGreaterThanOrEqual(20);
    }
    for (const c of cases) for (const e of c.expected) expect(c.text, c.id).toContain(e.value);
  });

  it('leaves every case with nothing to redact untouched', () => {
    for (const c of cases.filter((x) => x.expected.length === 0)) {
      expect(redact(c.text), c.id).toEqual({ text: c.text, redactions: [] });
    }
  });

  // The recall targets for the four structured kinds: at least 99% of expected values removed.
  it.each(['email', 'phone', 'nhs_number', 'postcode'] as const)('removes at least 99%% of %s values', (kind) => {
    let expected = 0;
    let removed = 0;
    for (const c of cases) {
      const out = redact(c.text).text;
      for (const e of c.expected.filter((x) => x.kind === kind)) {
        expected++;
        if (!out.includes(e.value)) removed++;
      }
    }
    expect(expected).toBeGreaterThan(0);
    expect(removed / expected).toBeGreaterThanOrEqual(0.99);
  });
});
