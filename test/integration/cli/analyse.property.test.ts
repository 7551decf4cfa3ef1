import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredLines, readOutputLine } from './support/analyse-contract.js';
import { runCli } from './support/cli-process.js';

/**
 * Fuzzing `carevoice analyse` end to end: whatever a line holds, the process must not crash, must
 * answer every non-blank line exactly once and in order, and every answer must keep the contract.
 * One spawn carries a few hundred generated lines, so a run stays within seconds.
 */

const LINES_PER_RUN = 300;

/** No line may hold a LF: that would make it two lines. A bare CR stays (it is not a line break). */
const oneLine = (text: string) => text.replace(/\n/g, ' ');

const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '\u202Eevil\u202C',
    'e\u0301\u0301\u0301',
    '\uFEFFbom',
    '\u2028\u2029',
    '\uD800 lone surrogate',
    '👩🏽‍⚕️🧑‍🦲🏥',
    '\u0000\u0007\u001B[31m',
    'Call 07700 900333 or jo@example.org, NHS 943 476 5919',
    'N'.repeat(19_990),
  ),
);

const shapedObject = fc.record(
  {
    id: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.constant(null),
      fc.string({ minLength: 500, maxLength: 600 }),
    ),
    text: fc.oneof(oddText, fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })),
    question: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('What could we do better?'), fc.boolean()),
    source: fc.string({ maxLength: 20 }),
    postedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 30 }),
    ),
  },
  { requiredKeys: [] },
);

const line = fc.oneof(
  { weight: 4, arbitrary: shapedObject.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 2, arbitrary: oddText.map(oneLine) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '\t \u00A0', '{', '}', 'null', '[]', '{}', '"x"') },
  { weight: 1, arbitrary: oddText.map((text) => JSON.stringify({ id: 'big', text: text.repeat(200) })) },
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carevoice-analyse-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('carevoice analyse (fuzzed input)', () => {
  it('never crashes and answers each non-blank line once, in order, within the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: LINES_PER_RUN, maxLength: LINES_PER_RUN }), async (lines) => {
        const input = `${lines.join('\n')}\n`;
        const result = await runCli(['analyse'], { cwd: dir, env: { LOG_LEVEL: 'warn' }, input });
        expect([0, 3], result.stderr).toContain(result.code);
        expect(result.stderr).toBe('');
        const answered = answeredLines(input);
        const out = result.stdout === '' ? [] : result.stdout.replace(/\n$/, '').split('\n');
        expect(out).toHaveLength(answered.length);
        let rejected = 0;
        out.forEach((outLine, index) => {
          const parsed = readOutputLine(outLine);
          const source = answered[index]!;
          if (parsed.ok) {
            expect(parsed.value.id, outLine).toBe((JSON.parse(source.text) as { id: string }).id);
          } else {
            rejected++;
            expect(parsed.value.line, outLine).toBe(source.lineNumber);
          }
        });
        expect(result.code).toBe(rejected > 0 ? 3 : 0);
      }),
      // Each run spawns the CLI; on a failure, report it rather than shrink through many spawns.
      { numRuns: 1, endOnFailure: true },
    );
  });
});
