/**
 * Precision and recall per safety kind of detectSafety on the synthetic test set
 * test/fixtures/safety/cases.jsonl (positives per kind and hard negatives), its flag rate on the
 * labelled FFT texts and its throughput over them.
 *
 *   tsx bench/eval-safety.ts [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { packageRoot, sharedDataDir } from '../src/config/paths.js';
import { SAFETY_KINDS, type SafetyKind } from '../src/domain/model.js';
import { detectSafety } from '../src/domain/safety/detect-safety.js';

interface SafetyCase {
  text: string;
  kinds: SafetyKind[];
}

function readCases(): SafetyCase[] {
  return readFileSync(join(packageRoot(), 'test/fixtures/safety/cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SafetyCase);
}

function readFftTexts(): string[] {
  const file = join(sharedDataDir(), 'fft-comments-labelled.csv');
  const records = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return records
    .filter((r) => (r['FFT answer'] ?? '').trim() !== '' && (r['Comment sentiment'] ?? '').trim() !== '')
    .map((r) => r['FFT answer']!.trim());
}

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function main(): void {
  const json = process.argv.includes('--json');
  const cases = readCases();
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
  const perKind: Record<
    string,
    { support: number; tp: number; fp: number; fn: number; precision: number | null; recall: number | null }
  > = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [kind, n] of counts) {
    tp += n.tp;
    fp += n.fp;
    fn += n.fn;
    perKind[kind] = {
      support: n.tp + n.fn,
      ...n,
      precision: n.tp + n.fp > 0 ? n.tp / (n.tp + n.fp) : null,
      recall: n.tp + n.fn > 0 ? n.tp / (n.tp + n.fn) : null,
    };
  }
  const micro = { precision: tp / (tp + fp), recall: tp / (tp + fn) };
  const negatives = cases.filter((c) => c.kinds.length === 0);
  const cleanNegatives = negatives.filter((c) => detectSafety(c.text).length === 0).length;

  const texts = readFftTexts();
  const flagged = texts.filter((t) => detectSafety(t).length > 0).length;
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const t of texts) detectSafety(t);
    best = Math.min(best, performance.now() - start);
  }
  const commentsPerSecond = Math.round(texts.length / (best / 1000));

  console.log(`detectSafety on ${cases.length} synthetic cases (${negatives.length} hard negatives)`);
  console.log('(development set: the lexicon was written against it, so these figures are an upper bound)\n');
  console.log(`${'kind'.padEnd(22)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
  for (const kind of SAFETY_KINDS) {
    const k = perKind[kind]!;
    console.log(
      `${kind.padEnd(22)} ${String(k.support).padStart(7)} ${pct(k.precision).padStart(9)} ` +
        `${pct(k.recall).padStart(7)}`,
    );
  }
  console.log(
    `${'micro-average'.padEnd(22)} ${String(tp + fn).padStart(7)} ${pct(micro.precision).padStart(9)} ` +
      `${pct(micro.recall).padStart(7)}`,
  );
  console.log(`\nhard negatives left unflagged: ${cleanNegatives}/${negatives.length}`);
  console.log(`FFT texts flagged (no gold labels; for review volume): ${flagged}/${texts.length}`);
  console.log(`throughput: ${commentsPerSecond.toLocaleString('en-GB')} comments/s (FFT texts, one core)`);
  if (failures.length > 0) console.log(`\nmismatches:\n${failures.join('\n')}`);
  if (json) {
    console.log(
      JSON.stringify({
        cases: cases.length,
        micro,
        perKind,
        cleanNegatives,
        negatives: negatives.length,
        fftFlagged: flagged,
        fftTexts: texts.length,
        commentsPerSecond,
      }),
    );
  }
}

main();
