/**
 * Redaction evaluation: span-level precision and recall per kind over the synthetic cases in
 * test/fixtures/redaction/cases.jsonl (the development set) and over the reported blind set
 * test/fixtures/blind-v2/redaction-cases.jsonl (beside the first blind set, seen during tuning), the share
 * of clinical numbers kept, redact() throughput on a synthetic 50k set, and how often each kind fires on
 * the real (already anonymised) public comments.
 *
 *   tsx bench/eval-redaction.ts               readable tables
 *   tsx bench/eval-redaction.ts --json        the same figures as one JSON object on the last line
 *   tsx bench/eval-redaction.ts --misses      also list every missed and spurious span
 *   tsx bench/eval-redaction.ts --cases FILE  score FILE as the v2 blind set instead of the shipped one
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedDataDir, shippedFile } from '../src/config/paths.js';
import { REDACTION_KINDS, type RedactionKind } from '../src/domain/model.js';
import { findRedactionSpans, type RedactionSpan, redact } from '../src/domain/redaction/redact.js';
import { CLINICAL_NUMBERS } from '../test/fixtures/redaction/clinical-numbers.js';
import {
  asRecord,
  BLIND_V1_LABEL,
  BLIND_V2_LABEL,
  blindCasesFile,
  blindV1CasesFile,
  type ClassFigures,
  printBlindTable,
  readJsonLines,
  stringField,
  wantsMisses,
} from './read-cases.js';

interface Case {
  id: string;
  text: string;
  expected: { kind: RedactionKind; value: string }[];
}

const args = new Set(process.argv.slice(2));
/** Synthetic comments timed for throughput. @defaultValue 50,000 */
const THROUGHPUT_COMMENTS = 50_000;

/** One case line: `{id, text, expected: [{kind, value}]}`, each value found verbatim in the text. */
function checkCase(value: unknown, where: string): Case {
  const record = asRecord(value, where);
  const id = stringField(record, 'id', where);
  const text = stringField(record, 'text', where);
  if (!Array.isArray(record['expected'])) throw new Error(`${where}: "expected" must be an array`);
  const expected = record['expected'].map((item: unknown) => {
    const e = asRecord(item, where);
    const kind = stringField(e, 'kind', where) as RedactionKind;
    if (!REDACTION_KINDS.includes(kind)) throw new Error(`${where}: unknown redaction kind ${JSON.stringify(kind)}`);
    return { kind, value: stringField(e, 'value', where) };
  });
  return { id, text, expected };
}

function loadCases(file: string): Case[] {
  return readJsonLines(file, checkCase);
}

/** Expected values located in the text, in order, so a repeated value maps to its own occurrence. */
function expectedSpans(c: Case): RedactionSpan[] {
  let cursor = 0;
  return c.expected.map((e) => {
    let start = c.text.indexOf(e.value, cursor);
    if (start === -1) start = c.text.indexOf(e.value);
    if (start === -1) throw new Error(`case ${c.id}: expected value ${JSON.stringify(e.value)} is not in its text`);
    cursor = start + e.value.length;
    return { kind: e.kind, start, end: start + e.value.length };
  });
}

const overlaps = (a: RedactionSpan, b: RedactionSpan) => a.start < b.end && b.start < a.end;

interface KindScore {
  expected: number;
  predicted: number;
  truePredicted: number;
  foundExpected: number;
  /** Expected spans removed by a span of any kind (the text is safe even when the label is wrong). */
  removedExpected: number;
}

function scoreCases(cases: Case[], misses: string[]) {
  const scores = new Map<RedactionKind, KindScore>(
    REDACTION_KINDS.map((k) => [
      k,
      { expected: 0, predicted: 0, truePredicted: 0, foundExpected: 0, removedExpected: 0 },
    ]),
  );
  let negatives = 0;
  let cleanNegatives = 0;
  for (const c of cases) {
    const gold = expectedSpans(c);
    const predicted = findRedactionSpans(c.text);
    if (gold.length === 0) {
      negatives++;
      if (predicted.length === 0) cleanNegatives++;
    }
    for (const p of predicted) {
      const s = scores.get(p.kind)!;
      s.predicted++;
      if (gold.some((g) => g.kind === p.kind && overlaps(g, p))) s.truePredicted++;
      else misses.push(`${c.id}  spurious ${p.kind}: ${JSON.stringify(c.text.slice(p.start, p.end))}`);
    }
    for (const g of gold) {
      const s = scores.get(g.kind)!;
      s.expected++;
      if (predicted.some((p) => p.kind === g.kind && overlaps(g, p))) s.foundExpected++;
      else misses.push(`${c.id}  missed ${g.kind}: ${JSON.stringify(c.text.slice(g.start, g.end))}`);
      if (predicted.some((p) => overlaps(g, p))) s.removedExpected++;
    }
  }
  return { scores, negatives, cleanNegatives };
}

/** Each clinical number in several carrier sentences, some next to real personal data. */
function clinicalKept(): { total: number; kept: number; lost: string[] } {
  const carriers = [
    (p: string) => p,
    (p: string) => `I had ${p} and the team were great.`,
    (p: string) => `Update: ${p}, then home. Dr Patel was kind.`,
    (p: string) => `My husband David said ${p} - call 07700 900123 if you need more.`,
    (p: string) => `${p}. DOB 12/03/1957, seen at 14 Oak Avenue clinic.`,
  ];
  let total = 0;
  let kept = 0;
  const lost: string[] = [];
  for (const phrase of CLINICAL_NUMBERS) {
    for (const carrier of carriers) {
      total++;
      if (redact(carrier(phrase)).text.includes(phrase)) kept++;
      else lost.push(carrier(phrase));
    }
  }
  return { total, kept, lost };
}

/** A seeded, mostly clean set of short comments: 1 in 10 carries some personal data. */
function syntheticComments(n: number): string[] {
  const clean = [
    'The nurses on the chemo unit were kind and explained everything.',
    'Waited 3 hours for a 10 minute appointment, very frustrating.',
    'Excellent care from diagnosis to surgery, thank you all.',
    'Parking is a nightmare and costs far too much.',
    'My consultant listened and answered every question.',
    'Cycle 4 of 6 was delayed because of low neutrophils.',
    'Nothing to improve, the radiotherapy team were brilliant.',
    'The CNS always rang back the same day.',
    'Food was cold and the ward was noisy at night.',
    'Stage 2 at diagnosis, now in remission after 15 fractions.',
  ];
  const personal = [
    'Ring me on 07700 900123 about my mum.',
    'My NHS number is 943 476 5919 and it was wrong on the letter.',
    'Dr Smith and my husband David were there at 10:30.',
    'Email jane.smith@example.co.uk, I live at 14 Oak Avenue, LS1 4AB.',
    'DOB 12/03/1957, hospital number RTH1234567.',
  ];
  let seed = 20240611;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return Array.from({ length: n }, () =>
    next() % 10 === 0 ? personal[next() % personal.length]! : clean[next() % clean.length]!,
  );
}

function commentsPerSecond(texts: string[]): number {
  for (const t of texts.slice(0, 2_000)) redact(t); // warm the JIT
  const started = process.hrtime.bigint();
  for (const t of texts) redact(t);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return texts.length / seconds;
}

/** Free text of the public comment files, when present. Nothing is printed from them. */
function realComments(): { name: string; texts: string[] }[] {
  const sets = [
    { name: 'fft-labelled', file: 'fft-comments-labelled.csv', column: 'FFT answer' },
    { name: 'fft-phase1', file: 'fft-comments-phase1-criticality.csv', column: 'feedback' },
    { name: 'care-opinion', file: 'care-opinion-comments-criticality.csv', column: 'feedback' },
  ];
  const out: { name: string; texts: string[] }[] = [];
  for (const s of sets) {
    const path = join(sharedDataDir(), s.file);
    if (!existsSync(path)) continue;
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, relax_column_count: true }) as Record<
      string,
      string
    >[];
    out.push({ name: s.name, texts: rows.map((r) => r[s.column] ?? '').filter((t) => t.trim().length > 0) });
  }
  return out;
}

function realDataFiring(sets: { name: string; texts: string[] }[]) {
  return sets.map(({ name, texts }) => {
    const perKind: Partial<Record<RedactionKind, number>> = {};
    let withAny = 0;
    for (const t of texts) {
      const { redactions } = redact(t);
      if (redactions.length > 0) withAny++;
      for (const r of redactions) perKind[r.kind] = (perKind[r.kind] ?? 0) + r.count;
    }
    return { name, comments: texts.length, withAny, perKind, commentsPerSecond: Math.round(commentsPerSecond(texts)) };
  });
}

const pct = (n: number, d: number) => (d === 0 ? '—' : (n / d).toFixed(3));
const ratio = (x: number | null) => (x === null ? '—' : x.toFixed(3));

type KindFigures = Record<string, { precision: number | null; recall: number | null; removed: number | null }>;

/** Prints the per-kind table and returns its figures (null where a kind was never expected or predicted). */
function printKindTable(scores: Map<RedactionKind, KindScore>): KindFigures {
  console.log('kind             expected  predicted  precision  recall  removed(any kind)');
  const perKind: KindFigures = {};
  for (const [kind, s] of scores) {
    const precision = s.predicted ? s.truePredicted / s.predicted : null;
    const recall = s.expected ? s.foundExpected / s.expected : null;
    const removed = s.expected ? s.removedExpected / s.expected : null;
    perKind[kind] = { precision, recall, removed };
    console.log(
      `${kind.padEnd(16)} ${String(s.expected).padStart(8)}  ${String(s.predicted).padStart(9)}  ${pct(s.truePredicted, s.predicted).padStart(9)}  ${pct(s.foundExpected, s.expected).padStart(6)}  ${pct(s.removedExpected, s.expected).padStart(17)}`,
    );
  }
  return perKind;
}

/** Pooled over kinds: every predicted span and every expected span counts once. */
function microAverage(scores: Map<RedactionKind, KindScore>) {
  let expected = 0;
  let predicted = 0;
  let truePredicted = 0;
  let foundExpected = 0;
  let removedExpected = 0;
  for (const s of scores.values()) {
    expected += s.expected;
    predicted += s.predicted;
    truePredicted += s.truePredicted;
    foundExpected += s.foundExpected;
    removedExpected += s.removedExpected;
  }
  return {
    precision: predicted ? truePredicted / predicted : null,
    recall: expected ? foundExpected / expected : null,
    removed: expected ? removedExpected / expected : null,
  };
}

type BlindScore = ReturnType<typeof scoreCases>;

/** The reported blind set's per-kind table, then the v1 one, with a micro-average row under each. */
function printBlind(label: string, file: string, cases: number, score: BlindScore) {
  console.log(`\n${label}: ${cases} cases (${score.negatives} with nothing to redact), ${file}\n`);
  const perKind = printKindTable(score.scores);
  const micro = microAverage(score.scores);
  console.log(
    `${'all kinds'.padEnd(16)} ${''.padStart(8)}  ${''.padStart(9)}  ${ratio(micro.precision).padStart(9)}  ${ratio(micro.recall).padStart(6)}  ${ratio(micro.removed).padStart(17)}`,
  );
  console.log(
    `\nnegative cases left untouched   ${score.cleanNegatives}/${score.negatives} (${pct(score.cleanNegatives, score.negatives)})`,
  );
  return {
    file,
    cases,
    negatives: score.negatives,
    negativesUntouched: score.negatives ? score.cleanNegatives / score.negatives : null,
    micro,
    perKind,
  };
}

/** Per-kind support, precision and recall in the shape the side-by-side table prints. */
function asBlindTable(score: BlindScore) {
  const perClass: Record<string, ClassFigures> = {};
  for (const [kind, s] of score.scores) {
    perClass[kind] = {
      support: s.expected,
      precision: s.predicted ? s.truePredicted / s.predicted : null,
      recall: s.expected ? s.foundExpected / s.expected : null,
    };
  }
  const micro = microAverage(score.scores);
  const support = [...score.scores.values()].reduce((sum, s) => sum + s.expected, 0);
  return { perClass, total: { support, precision: micro.precision, recall: micro.recall } };
}

function main(): void {
  const cases = loadCases(shippedFile('test/fixtures/redaction/cases.jsonl'));
  const misses: string[] = [];
  const { scores, negatives, cleanNegatives } = scoreCases(cases, misses);
  const v2File = blindCasesFile('redaction-cases.jsonl');
  const v2Cases = loadCases(v2File);
  const v2Misses: string[] = [];
  const v2 = scoreCases(v2Cases, v2Misses);
  const v1File = blindV1CasesFile('redaction-cases.jsonl');
  const v1Cases = v1File === null ? [] : loadCases(v1File);
  const v1Misses: string[] = [];
  const v1 = v1File === null ? null : scoreCases(v1Cases, v1Misses);
  const clinical = clinicalKept();
  const throughput = Math.round(commentsPerSecond(syntheticComments(THROUGHPUT_COMMENTS)));
  const real = realDataFiring(realComments());

  console.log(`Redaction evaluation: ${cases.length} synthetic cases (${negatives} with nothing to redact)\n`);
  const perKind = printKindTable(scores);
  console.log(`\nnegative cases left untouched   ${cleanNegatives}/${negatives} (${pct(cleanNegatives, negatives)})`);
  console.log(
    `clinical numbers kept           ${clinical.kept}/${clinical.total} (${pct(clinical.kept, clinical.total)})`,
  );
  console.log(
    `redact() on ${THROUGHPUT_COMMENTS} synthetic comments   ${throughput.toLocaleString('en-GB')} comments/s`,
  );
  console.log(
    '\n(v2 was written without reading the detectors, their word lists or any earlier fixture: the honest estimate)',
  );
  const v2Figures = printBlind(BLIND_V2_LABEL, v2File, v2Cases.length, v2);
  const v1Figures = v1 && v1File ? printBlind(BLIND_V1_LABEL, v1File, v1Cases.length, v1) : null;
  console.log('\nSide by side (span-level, support = expected spans)\n');
  printBlindTable('kind', REDACTION_KINDS, asBlindTable(v2), v1 ? asBlindTable(v1) : null);
  if (real.length > 0) {
    console.log('\nReal public comments (no personal-data labels: counts of spans found, to read for false alarms)');
    console.log('set            comments  with any  comments/s  spans by kind');
    for (const r of real) {
      const kinds = Object.entries(r.perKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      console.log(
        `${r.name.padEnd(14)} ${String(r.comments).padStart(8)}  ${String(r.withAny).padStart(8)}  ${r.commentsPerSecond.toLocaleString('en-GB').padStart(10)}  ${kinds || '—'}`,
      );
    }
  }
  if (wantsMisses()) {
    console.log('\nMisses and spurious spans (synthetic cases only)');
    for (const m of misses) console.log(`  ${m}`);
    for (const l of clinical.lost) console.log(`  clinical number lost in: ${JSON.stringify(l)}`);
    console.log(`\nMisses and spurious spans (${BLIND_V2_LABEL})`);
    for (const m of v2Misses) console.log(`  ${m}`);
    console.log(`\nMisses and spurious spans (${BLIND_V1_LABEL})`);
    for (const m of v1Misses) console.log(`  ${m}`);
  } else if (misses.length + v2Misses.length + v1Misses.length > 0) {
    console.log(
      `\n${misses.length} missed or spurious spans in the synthetic cases, ${v2Misses.length} in ${BLIND_V2_LABEL}, ` +
        `${v1Misses.length} in ${BLIND_V1_LABEL}: run with --misses to list them`,
    );
  }
  if (args.has('--json')) {
    console.log(
      JSON.stringify({
        cases: cases.length,
        negatives,
        negativesUntouched: cleanNegatives / negatives,
        perKind,
        clinicalKept: clinical.kept / clinical.total,
        commentsPerSecond: throughput,
        real,
        blindV2: v2Figures,
        blind: v1Figures ? { ...v1Figures, seenDuringTuning: true } : null,
      }),
    );
  }
}

main();
