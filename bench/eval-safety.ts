import { join } from 'node:path';
import { packageRoot } from '../src/config/paths.js';
import { SAFETY_KINDS, type SafetyKind } from '../src/domain/model.js';
import { detectSafety } from '../src/domain/safety/detect-safety.js';
import {
  asRecord,
  BLIND_V1_LABEL,
  BLIND_V2_LABEL,
  blindCasesFile,
  blindV1CasesFile,
  enumArrayField,
  printBlindTable,
  printMisses,
  readJsonLines,
  readLabelledFftTexts,
  stringField,
  tallyClasses,
  wantsMisses,
} from './read-cases.js';

interface SafetyCase {
  text: string;
  kinds: SafetyKind[];
}

/** One case line: `{text, kinds: [safety kind]}`; an empty list marks a hard negative. */
function checkCase(value: unknown, where: string): SafetyCase {
  const record = asRecord(value, where);
  return { text: stringField(record, 'text', where), kinds: enumArrayField(record, 'kinds', SAFETY_KINDS, where) };
}

function readCases(file: string): SafetyCase[] {
  return readJsonLines(file, checkCase);
}

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** Per-kind and micro-averaged precision/recall of detectSafety over one case set. */
function scoreCases(cases: SafetyCase[]) {
  const counts = new Map(SAFETY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const failures: string[] = [];
  for (const c of cases) {
    const got = new Set(detectSafety(c.text).map((s) => s.kind));
    const want = new Set(c.kinds);
    for (const kind of SAFETY_KINDS) {
      const n = counts.get(kind)!;
      if (got.has(kind) && want.has(kind)) n.tp++;
      else if (got.has(kind)) n.fp++;
      else if (want.has(kind)) n.fn++;
    }
    if ([...got].sort().join() !== [...want].sort().join()) {
      failures.push(`  expected [${[...want].join(', ')}], got [${[...got].join(', ')}]: ${c.text}`);
    }
  }
  const { perClass: perKind, micro, support } = tallyClasses(counts);
  const negatives = cases.filter((c) => c.kinds.length === 0);
  const cleanNegatives = negatives.filter((c) => detectSafety(c.text).length === 0).length;
  return {
    cases: cases.length,
    perKind,
    micro,
    support,
    negatives: negatives.length,
    cleanNegatives,
    failures,
  };
}

function printKindTable(score: ReturnType<typeof scoreCases>): void {
  console.log(`${'kind'.padEnd(22)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
  for (const kind of SAFETY_KINDS) {
    const k = score.perKind[kind]!;
    console.log(
      `${kind.padEnd(22)} ${String(k.support).padStart(7)} ${pct(k.precision).padStart(9)} ` +
        `${pct(k.recall).padStart(7)}`,
    );
  }
  console.log(
    `${'micro-average'.padEnd(22)} ${String(score.support).padStart(7)} ${pct(score.micro.precision).padStart(9)} ` +
      `${pct(score.micro.recall).padStart(7)}`,
  );
  console.log(`\nhard negatives left unflagged: ${score.cleanNegatives}/${score.negatives}`);
}

type SafetyScore = ReturnType<typeof scoreCases>;

const asBlindTable = (s: SafetyScore) => ({
  perClass: s.perKind,
  total: { support: s.support, precision: s.micro.precision, recall: s.micro.recall },
});

const blindFigures = (file: string, s: SafetyScore) => ({
  file,
  cases: s.cases,
  micro: s.micro,
  perKind: s.perKind,
  cleanNegatives: s.cleanNegatives,
  negatives: s.negatives,
});

function main(): void {
  const json = process.argv.includes('--json');
  const showMisses = wantsMisses();
  const dev = scoreCases(readCases(join(packageRoot(), 'test/fixtures/safety/cases.jsonl')));
  const v2File = blindCasesFile('safety-cases.jsonl');
  const v2 = scoreCases(readCases(v2File));
  const v1File = blindV1CasesFile('safety-cases.jsonl');
  const v1 = v1File === null ? null : scoreCases(readCases(v1File));

  const texts = readLabelledFftTexts();
  const flagged = texts.filter((t) => detectSafety(t).length > 0).length;
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const t of texts) detectSafety(t);
    best = Math.min(best, performance.now() - start);
  }
  const commentsPerSecond = Math.round(texts.length / (best / 1000));

  console.log(`detectSafety on ${dev.cases} synthetic cases (${dev.negatives} hard negatives)`);
  console.log('(development set: the lexicon was written against it, so these figures are an upper bound)\n');
  printKindTable(dev);
  console.log(`FFT texts flagged (no gold labels; for review volume): ${flagged}/${texts.length}`);
  console.log(`throughput: ${commentsPerSecond.toLocaleString('en-GB')} comments/s (FFT texts, one core)`);
  printMisses('development-set mismatches', dev.failures, showMisses);

  console.log(`\n${BLIND_V2_LABEL}: ${v2.cases} cases (${v2.negatives} hard negatives), ${v2File}`);
  if (v1 && v1File) console.log(`${BLIND_V1_LABEL}: ${v1.cases} cases (${v1.negatives} hard negatives), ${v1File}`);
  console.log(
    '(v2 was written without reading the detector, its lexicon or any earlier fixture: the honest estimate)\n',
  );
  printBlindTable('kind', SAFETY_KINDS, asBlindTable(v2), v1 ? asBlindTable(v1) : null);
  console.log(
    `\nhard negatives left unflagged: ${v2.cleanNegatives}/${v2.negatives} (${BLIND_V2_LABEL})` +
      (v1 ? `, ${v1.cleanNegatives}/${v1.negatives} (${BLIND_V1_LABEL})` : ''),
  );
  printMisses(`${BLIND_V2_LABEL} mismatches`, v2.failures, showMisses);
  if (v1) printMisses(`${BLIND_V1_LABEL} mismatches`, v1.failures, showMisses);
  if (json) {
    console.log(
      JSON.stringify({
        cases: dev.cases,
        micro: dev.micro,
        perKind: dev.perKind,
        cleanNegatives: dev.cleanNegatives,
        negatives: dev.negatives,
        fftFlagged: flagged,
        fftTexts: texts.length,
        commentsPerSecond,
        blindV2: blindFigures(v2File, v2),
        blind: v1 && v1File ? { ...blindFigures(v1File, v1), seenDuringTuning: true } : null,
      }),
    );
  }
}

main();
