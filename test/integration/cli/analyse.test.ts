import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredLines, readOutputLine } from './support/analyse-contract.js';
import { type CliResult, runCli } from './support/cli-process.js';

/** `carevoice analyse` against its ARCHITECTURE.md contract. Every text here is synthetic. */

const PII = {
  email: 'sam.carer.cvtest@example.net',
  phone: '07700 900222',
  nhsNumber: '943 476 5919',
  postcode: 'M20 4BX',
};

const GOOD_PII = JSON.stringify({
  id: 'pii',
  text:
    `My husband (NHS number ${PII.nhsNumber}) had sarcoma surgery at the Royal Marsden. Email ${PII.email} ` +
    `or ring ${PII.phone}; we live near ${PII.postcode}. The specialist nurse was wonderful.`,
  source: 'survey',
  postedAt: '2026-02-01T09:30:00Z',
});

/** [input line, expected outcome]: an id for an analysed line, an error code for a rejected one, null for a blank line. */
const CASES: [string, { id: string } | { code: string; id?: string } | null][] = [
  [GOOD_PII, { id: 'pii' }],
  ['', null],
  ['   \t', null],
  ['{"id": "broken", "text": ', { code: 'invalid_json' }],
  ['"just a string"', { code: 'not_an_object' }],
  ['[1, 2, 3]', { code: 'not_an_object' }],
  [JSON.stringify({ id: 'no-text' }), { code: 'invalid_field', id: 'no-text' }],
  [JSON.stringify({ id: 'number-text', text: 5 }), { code: 'invalid_field', id: 'number-text' }],
  [JSON.stringify({ id: 7, text: 'The id is a number.' }), { code: 'invalid_field' }],
  [JSON.stringify({ id: 'bad-date', text: 'Fine.', postedAt: 'yesterday' }), { code: 'invalid_field', id: 'bad-date' }],
  [JSON.stringify({ id: 'too-long', text: 'a'.repeat(20_001) }), { code: 'text_too_long', id: 'too-long' }],
  [JSON.stringify({ id: 'nothing', text: 'Nothing', question: 'What could we do better?' }), { id: 'nothing' }],
  [`${JSON.stringify({ id: 'crlf', text: 'Long wait for my lung scan results.' })}\r`, { id: 'crlf' }],
  // A bare CR between JSON tokens is whitespace inside one line, not a line break.
  ['{"id": "bare-cr",\r"text": "The ward was calm and clean."}', { id: 'bare-cr' }],
  [
    JSON.stringify({ id: 'unicode', text: 'Équipe très gentille 😊 — the chemo day unit 👍🏽 was calm.' }),
    { id: 'unicode' },
  ],
];

const INPUT = `${CASES.map(([line]) => line).join('\n')}\n`;

const env = () => ({ LOG_LEVEL: 'warn' });

function outputLines(stdout: string): string[] {
  expect(stdout.endsWith('\n') || stdout === '').toBe(true);
  return stdout === '' ? [] : stdout.slice(0, -1).split('\n');
}

let dir: string;
/** The answer to INPUT, read once: each spawn loads the model, so the cases share one run. */
let mixed: CliResult;
let mixedRun: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carevoice-analyse-'));
  mixed = await runCli(['analyse'], { cwd: dir, env: env(), input: INPUT });
  mixedRun = outputLines(mixed.stdout);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('carevoice analyse', () => {
  it('answers every non-blank line in order, in the contract shape, and exits 3 when a line was rejected', () => {
    expect(mixed.code, mixed.stderr).toBe(3);
    expect(mixed.stderr).toBe('');
    const answered = answeredLines(INPUT);
    const expected = CASES.map(([, outcome], index) => ({ outcome, lineNumber: index + 1 })).filter(
      (c) => c.outcome !== null,
    );
    expect(answered.map((a) => a.lineNumber)).toEqual(expected.map((e) => e.lineNumber));
    expect(mixedRun).toHaveLength(expected.length);

    mixedRun.forEach((line, index) => {
      const { outcome, lineNumber } = expected[index]!;
      const parsed = readOutputLine(line);
      if (outcome && 'code' in outcome) {
        expect(parsed.ok, line).toBe(false);
        expect(parsed.value).toMatchObject({ line: lineNumber, error: { code: outcome.code } });
        expect((parsed.value as { id?: string }).id).toBe(outcome.id);
      } else {
        expect(parsed.ok, line).toBe(true);
        expect((parsed.value as { id: string }).id).toBe(outcome?.id);
      }
    });
  });

  it('redacts personal data in the output text and reports each kind with its count', () => {
    for (const value of Object.values(PII)) expect(mixed.stdout).not.toContain(value);
    expect(mixed.stdout).not.toContain('9434765919');
    const parsed = readOutputLine(mixedRun[0]!);
    if (!parsed.ok) throw new Error(`rejected: ${JSON.stringify(parsed.value)}`);
    expect(parsed.value.id).toBe('pii');
    const kinds = Object.fromEntries(parsed.value.redactions.map((r) => [r.kind, r.count]));
    expect(kinds).toMatchObject({ email: 1, phone: 1, nhs_number: 1, postcode: 1 });
    expect(parsed.value.text).toContain('Royal Marsden');
    expect(parsed.value.provider).toEqual({ odsCode: 'RPY', name: expect.stringMatching(/Royal Marsden/i) });
    expect(parsed.value.tumourGroups).toContain('sarcoma');
    expect(parsed.value.rareCancer).toBe(true);
  });

  it('reads --in FILE, exits 0 when every line was read, and answers each line as it does among others', async () => {
    const good = CASES.filter(([, outcome]) => outcome !== null && !('code' in outcome)).map(([line]) => line);
    const file = join(dir, 'comments.jsonl');
    await writeFile(file, `${good.join('\n')}\n`);
    const fromFile = await runCli(['analyse', '--in', file], { cwd: dir, env: env() });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const lines = outputLines(fromFile.stdout);
    expect(lines).toHaveLength(good.length);
    for (const line of lines) expect(readOutputLine(line).ok, line).toBe(true);
    // A line's answer depends on that line alone, not on its neighbours or on where it was read from.
    expect(lines).toEqual(mixedRun.filter((line) => !line.includes('"error":')));
  });

  it('fails clearly, with no output, when the --in file does not exist', async () => {
    const missing = await runCli(['analyse', '--in', join(dir, 'no-such.jsonl')], { cwd: dir, env: env() });
    expect(missing.code).not.toBe(0);
    expect(missing.code).not.toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no-such.jsonl');
  });
});
