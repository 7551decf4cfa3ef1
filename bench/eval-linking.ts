/**
 * Precision and recall of the trust linker on the synthetic test set
 * test/fixtures/trusts/linking-cases.jsonl, and its throughput over the 6,170 labelled FFT texts.
 *
 *   tsx bench/eval-linking.ts [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { packageRoot, sharedDataDir } from '../src/config/paths.js';
import { loadTrustLinker } from '../src/reference/trust-reference.js';

interface LinkingCase {
  text: string;
  expected: string | null;
  note: string;
  postedAt?: string;
  odsCode?: string;
}

function readCases(): LinkingCase[] {
  const file = join(packageRoot(), 'test/fixtures/trusts/linking-cases.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LinkingCase);
}

function readFftTexts(): string[] {
  const file = join(sharedDataDir(), 'fft-comments-labelled.csv');
  const records = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return records
    .filter((r) => (r['FFT answer'] ?? '').trim() !== '' && (r['Comment sentiment'] ?? '').trim() !== '')
    .map((r) => r['FFT answer']!.trim());
}

function main(): void {
  const json = process.argv.includes('--json');
  const startLoad = performance.now();
  const linker = loadTrustLinker();
  const startupMs = Math.round(performance.now() - startLoad);

  const cases = readCases();
  let truePositive = 0;
  let wrongTrust = 0;
  let spurious = 0;
  let missed = 0;
  let correctNull = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const got = linker.link(c.text, { postedAt: c.postedAt, odsCode: c.odsCode })?.odsCode ?? null;
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
  const precision = predicted > 0 ? truePositive / predicted : 0;
  const recall = expected > 0 ? truePositive / expected : 0;
  const nullCases = correctNull + spurious;

  const texts = readFftTexts();
  for (const t of texts) linker.link(t);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const t of texts) linker.link(t);
    best = Math.min(best, performance.now() - start);
  }
  const commentsPerSecond = Math.round(texts.length / (best / 1000));

  console.log(`trust linking on ${cases.length} synthetic cases (${expected} name a trust, ${nullCases} do not)`);
  console.log('(development set: written with the alias list, so these figures are an upper bound)\n');
  console.log(`${'measure'.padEnd(34)} value`);
  console.log(`${'precision (linked → right trust)'.padEnd(34)} ${(100 * precision).toFixed(1)}%`);
  console.log(`${'recall (trust cases linked right)'.padEnd(34)} ${(100 * recall).toFixed(1)}%`);
  console.log(`${'null cases left null'.padEnd(34)} ${correctNull}/${nullCases}`);
  console.log(`${'wrong trust / spurious / missed'.padEnd(34)} ${wrongTrust} / ${spurious} / ${missed}`);
  console.log(`${'start-up (load + compile)'.padEnd(34)} ${startupMs} ms`);
  console.log(
    `${'throughput (FFT texts, one core)'.padEnd(34)} ${commentsPerSecond.toLocaleString('en-GB')} comments/s`,
  );
  if (failures.length > 0) console.log(`\nfailures:\n${failures.join('\n')}`);
  if (json) {
    console.log(
      JSON.stringify({
        cases: cases.length,
        precision,
        recall,
        correctNull,
        nullCases,
        wrongTrust,
        spurious,
        missed,
        startupMs,
        commentsPerSecond,
      }),
    );
  }
}

main();
