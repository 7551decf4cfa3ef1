/**
 * Checks that an earlier commit and the working tree give the same redaction and analysis for every
 * comment at hand: the three comment files in the shared data folder (with and without their FFT
 * question), sample-source stories of four seeds and every line of the test fixtures. Exits 1 and
 * prints the first differences when any comment differs. Speed work is held to this.
 *
 *   tsx bench/check-analyse-outputs.ts --base COMMIT [--data DIR]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDataDir } from '../src/config/paths.js';
import { parseCriticalityCsv, parseFftFrameworkCsv } from '../src/domain/sentiment/training-data.js';
import { type PassComment, repoRoot, withPassesAt } from './support/analyse-pass-at-commit.js';
import { sampleStories } from './support/sample-stories.js';

const { values: args } = parseArgs({ options: { base: { type: 'string' }, data: { type: 'string' } } });
const base = args.base;
if (!base) throw new Error('--base COMMIT is required (the commit to compare the working tree with)');
const dataDir = args.data ?? sharedDataDir();

type Comment = PassComment;

/** Every non-empty line of every fixture file, and each file's opening as one text. */
function fixtureComments(dir: string): Comment[] {
  const comments: Comment[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) comments.push(...fixtureComments(path));
    else if (/\.(txt|csv|json|jsonl|html|xml)$/.test(entry.name)) {
      const text = readFileSync(path, 'utf8');
      for (const line of text.split('\n')) if (line.trim() !== '') comments.push({ text: line });
      comments.push({ text: text.slice(0, 5000) });
    }
  }
  return comments;
}

await withPassesAt(base, async ({ base: before, head: after }) => {
  const read = (file: string) => readFileSync(join(dataDir, file), 'utf8');
  const sets: Record<string, Comment[]> = {
    'fft-comments-labelled': parseFftFrameworkCsv(read('fft-comments-labelled.csv')),
    'fft-comments-phase1-criticality': parseCriticalityCsv(read('fft-comments-phase1-criticality.csv')),
    'care-opinion-comments-criticality': parseCriticalityCsv(read('care-opinion-comments-criticality.csv')),
    'test fixtures': fixtureComments(join(repoRoot, 'test/fixtures')),
  };
  for (const seed of [1, 2, 3, 7]) sets[`sample source, seed ${seed}`] = await sampleStories(seed, 3000);
  let differing = 0;
  console.log(`Redaction and analysis, ${base} against the working tree\n`);
  for (const [name, comments] of Object.entries(sets)) {
    let differ = 0;
    for (const comment of comments) {
      for (const asked of comment.question === undefined ? [comment] : [comment, { text: comment.text }]) {
        const [was, is] = [before(asked), after(asked)];
        if (was === is) continue;
        if (++differ <= 3) console.log(`differs: ${JSON.stringify(asked)}\n  base ${was}\n  head ${is}`);
      }
    }
    console.log(`${name.padEnd(36)} ${String(comments.length).padStart(6)} comments  ${differ} differ`);
    differing += differ;
  }
  process.exitCode = differing === 0 ? 0 : 1;
});
