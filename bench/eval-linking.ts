import { join } from 'node:path';
import { packageRoot } from '../src/config/paths.js';
import { loadTrustLinker } from '../src/reference/trust-reference.js';
import {
  asRecord,
  BLIND_V1_LABEL,
  BLIND_V2_LABEL,
  blindCasesFile,
  blindV1CasesFile,
  printMisses,
  readJsonLines,
  readLabelledFftTexts,
  stringField,
  wantsMisses,
} from './read-cases.js';

interface LinkingCase {
  text: string;
  expected: string | null;
  note: string;
  postedAt?: string;
  odsCode?: string;
}

/** One case line: `{text, expected: ODS code | null, note, postedAt?, odsCode?}`. */
function checkCase(value: unknown, where: string): LinkingCase {
  const record = asRecord(value, where);
  const expected = record['expected'];
  if (expected !== null && typeof expected !== 'string') throw new Error(`${where}: "expected" must be a code or null`);
  const optional = (key: string): string | undefined =>
    record[key] === undefined ? undefined : stringField(record, key, where);
  const c: LinkingCase = {
    text: stringField(record, 'text', where),
    expected,
    note: stringField(record, 'note', where),
  };
  const postedAt = optional('postedAt');
  const odsCode = optional('odsCode');
  if (postedAt !== undefined) c.postedAt = postedAt;
  if (odsCode !== undefined) c.odsCode = odsCode;
  return c;
}

function readCases(file: string): LinkingCase[] {
  return readJsonLines(file, checkCase);
}

interface LinkingScore {
  cases: number;
  precision: number;
  recall: number;
  correctNull: number;
  nullCases: number;
  wrongTrust: number;
  spurious: number;
  missed: number;
  failures: string[];
}

/** Scores the linker: a case counts as right only when the linked code equals the expected one (or both null). */
function scoreCases(link: (c: LinkingCase) => string | null, cases: LinkingCase[]): LinkingScore {
  let truePositive = 0;
  let wrongTrust = 0;
  let spurious = 0;
  let missed = 0;
  let correctNull = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const got = link(c);
    if (got !== null && got === c.expected) truePositive++;
    else if (got === null && c.expected === null) correctNull++;
    else {
      if (got !== null && c.expected !== null) wrongTrust++;
      else if (got !== null) spurious++;
      else missed++;
      failures.push(`  expected ${c.expected ?? 'null'}, got ${got ?? 'null'}: ${c.text} (${c.note})`);
    }
  }
  const predicted = truePositive + wrongTrust + spurious;
  const expected = truePositive + wrongTrust + missed;
  return {
    cases: cases.length,
    precision: predicted > 0 ? truePositive / predicted : 0,
    recall: expected > 0 ? truePositive / expected : 0,
    correctNull,
    nullCases: correctNull + spurious,
    wrongTrust,
    spurious,
    missed,
    failures,
  };
}

function printScore(s: LinkingScore): void {
  console.log(`${'measure'.padEnd(34)} value`);
  console.log(`${'precision (linked → right trust)'.padEnd(34)} ${(100 * s.precision).toFixed(1)}%`);
  console.log(`${'recall (trust cases linked right)'.padEnd(34)} ${(100 * s.recall).toFixed(1)}%`);
  console.log(`${'null cases left null'.padEnd(34)} ${s.correctNull}/${s.nullCases}`);
  console.log(`${'wrong trust / spurious / missed'.padEnd(34)} ${s.wrongTrust} / ${s.spurious} / ${s.missed}`);
}

/** The reported blind set beside the first one, measure by measure. */
function printSideBySide(v2: LinkingScore, v1: LinkingScore | null): void {
  const cell = (text: string) => text.padStart(30);
  const both = (f: (s: LinkingScore) => string) => `${cell(f(v2))}${v1 ? cell(f(v1)) : ''}`;
  console.log(`${'measure'.padEnd(34)}${cell(BLIND_V2_LABEL)}${v1 ? cell(BLIND_V1_LABEL) : ''}`);
  console.log(
    `${'cases (name a trust / do not)'.padEnd(34)}${both((s) => `${s.cases - s.nullCases} / ${s.nullCases}`)}`,
  );
  console.log(`${'precision (linked → right trust)'.padEnd(34)}${both((s) => `${(100 * s.precision).toFixed(1)}%`)}`);
  console.log(`${'recall (trust cases linked right)'.padEnd(34)}${both((s) => `${(100 * s.recall).toFixed(1)}%`)}`);
  console.log(`${'null cases left null'.padEnd(34)}${both((s) => `${s.correctNull}/${s.nullCases}`)}`);
  console.log(
    `${'wrong trust / spurious / missed'.padEnd(34)}${both((s) => `${s.wrongTrust} / ${s.spurious} / ${s.missed}`)}`,
  );
}

function main(): void {
  const json = process.argv.includes('--json');
  const showMisses = wantsMisses();
  const startLoad = performance.now();
  const linker = loadTrustLinker();
  const startupMs = Math.round(performance.now() - startLoad);
  const link = (c: LinkingCase) => linker.link(c.text, { postedAt: c.postedAt, odsCode: c.odsCode })?.odsCode ?? null;

  const dev = scoreCases(link, readCases(join(packageRoot(), 'test/fixtures/trusts/linking-cases.jsonl')));
  const v2File = blindCasesFile('linking-cases.jsonl');
  const v2 = scoreCases(link, readCases(v2File));
  const v1File = blindV1CasesFile('linking-cases.jsonl');
  const v1 = v1File === null ? null : scoreCases(link, readCases(v1File));

  const texts = readLabelledFftTexts();
  for (const t of texts) linker.link(t);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const t of texts) linker.link(t);
    best = Math.min(best, performance.now() - start);
  }
  const commentsPerSecond = Math.round(texts.length / (best / 1000));

  const named = (s: LinkingScore) => s.cases - s.nullCases;
  console.log(`trust linking on ${dev.cases} synthetic cases (${named(dev)} name a trust, ${dev.nullCases} do not)`);
  console.log('(development set: written with the alias list, so these figures are an upper bound)\n');
  printScore(dev);
  console.log(`${'start-up (load + compile)'.padEnd(34)} ${startupMs} ms`);
  console.log(
    `${'throughput (FFT texts, one core)'.padEnd(34)} ${commentsPerSecond.toLocaleString('en-GB')} comments/s`,
  );
  printMisses('development-set failures', dev.failures, showMisses);

  console.log(`\n${BLIND_V2_LABEL}: ${v2File}${v1File ? `\n${BLIND_V1_LABEL}: ${v1File}` : ''}`);
  console.log(
    '(v2 was written without reading the linker, its alias lists or any earlier fixture: the honest estimate)\n',
  );
  printSideBySide(v2, v1);
  printMisses(`${BLIND_V2_LABEL} failures`, v2.failures, showMisses);
  if (v1) printMisses(`${BLIND_V1_LABEL} failures`, v1.failures, showMisses);
  if (json) {
    const figures = ({ failures: _failures, ...rest }: LinkingScore) => rest;
    console.log(
      JSON.stringify({
        ...figures(dev),
        startupMs,
        commentsPerSecond,
        blindV2: { file: v2File, ...figures(v2) },
        blind: v1 ? { file: v1File, seenDuringTuning: true, ...figures(v1) } : null,
      }),
    );
  }
}

main();
