/**
 * The whole per-comment pass of an earlier commit against the working tree's, side by side in one
 * process: the earlier commit's sources are exported to a temporary folder (`git archive`) and both
 * analysers run the same comments, alternating on chunks of 250 in both orders, so that the load of a
 * shared machine falls on both alike. Rates are comments per CPU-second of this process; the ratio is
 * the figure to quote. Also checks that both give the same output for every comment.
 *
 *   tsx bench/compare-analyse.ts --base COMMIT [--data DIR] [--rounds N] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDataDir } from '../src/config/paths.js';
import { parseFftFrameworkCsv } from '../src/domain/sentiment/training-data.js';
import { type Pass, type PassComment, withPassesAt } from './support/analyse-pass-at-commit.js';
import { pairedCpuRates } from './support/paired-cpu-rates.js';
import { sampleStories } from './support/sample-stories.js';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    data: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const base = args.base;
if (!base) throw new Error('--base COMMIT is required (the commit to compare the working tree with)');
const dataDir = args.data ?? sharedDataDir();
const rounds = Number(args.rounds);

function compare(comments: PassComment[], passes: Record<'base' | 'head', Pass>) {
  const rates = pairedCpuRates(comments, [passes.base, passes.head], {
    rounds,
    mismatch: (comment) => `outputs differ for: ${comment.text}`,
  });
  return { base: rates.first, head: rates.second, ratio: rates.ratio };
}

await withPassesAt(base, async (passes) => {
  const fft = parseFftFrameworkCsv(readFileSync(join(dataDir, 'fft-comments-labelled.csv'), 'utf8')).map((c) => ({
    text: c.text,
    question: c.question,
  }));
  const sample = await sampleStories(7, 5000);
  const rows = [
    { set: 'fft-comments-labelled', comments: fft.length, ...compare(fft, passes) },
    { set: 'sample source', comments: sample.length, ...compare(sample, passes) },
  ];
  console.log(`Whole analyse pass, ${base} against the working tree: comments per CPU-second, one process\n`);
  console.log('set                     comments        base        head  head÷base');
  for (const row of rows) {
    const rate = (n: number) => n.toLocaleString('en-GB').padStart(10);
    console.log(
      `${row.set.padEnd(22)}  ${String(row.comments).padStart(8)}  ${rate(row.base)}  ${rate(row.head)}  ${row.ratio.toFixed(2).padStart(9)}`,
    );
  }
  if (args.json) console.log(JSON.stringify({ base, rounds, rows }));
});
