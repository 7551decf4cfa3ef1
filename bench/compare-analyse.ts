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
import { sharedDataDir } from '../src/config/paths.js';
import { parseFftFrameworkCsv } from '../src/domain/sentiment/training-data.js';
import { type Pass, type PassComment, sampleStories, withPassesAt } from './support/analyse-pass-at-commit.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const base = option('--base');
if (!base) throw new Error('--base COMMIT is required (the commit to compare the working tree with)');
const dataDir = option('--data') ?? sharedDataDir();
const rounds = Number(option('--rounds') ?? 3);
const CHUNK = 250;

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

function compare(comments: PassComment[], passes: Record<'base' | 'head', Pass>) {
  for (const comment of comments) {
    if (passes.base(comment) !== passes.head(comment)) throw new Error(`outputs differ for: ${comment.text}`);
  }
  const micros = { base: 0, head: 0 };
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    for (let at = 0; at < comments.length; at += CHUNK) {
      const chunk = comments.slice(at, at + CHUNK);
      const order: ('base' | 'head')[] = (round + at / CHUNK) % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
      for (const which of order) {
        const pass = passes[which];
        micros[which] += cpuMicros(() => {
          for (const comment of chunk) pass(comment);
        });
      }
      count += chunk.length;
    }
  }
  const baseRate = Math.round(count / (micros.base / 1e6));
  const headRate = Math.round(count / (micros.head / 1e6));
  return { base: baseRate, head: headRate, ratio: Math.round((headRate / baseRate) * 100) / 100 };
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
  if (process.argv.includes('--json')) console.log(JSON.stringify({ base, rounds, rows }));
});
