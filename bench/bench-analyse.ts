/**
 * The whole per-comment pass (normalise → redact → link trust → tumour groups → themes → sentiment
 * overall and per theme → safety), in process on one core, over real FFT texts and over sample-source
 * texts; plus the start-up time of loading the reference files and the model.
 *
 *   tsx bench/bench-analyse.ts [--data DIR] [--rounds N] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDataDir } from '../src/config/paths.js';
import { redact } from '../src/domain/redaction/redact.js';
import { parseFftFrameworkCsv } from '../src/domain/sentiment/training-data.js';
import { normaliseCommentText } from '../src/pipeline/collect/normalise-text.js';
import { loadAnalyser } from '../src/reference/load-analyser.js';
import { sampleStories } from './support/sample-stories.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});

function measure(
  texts: { text: string; question?: string }[],
  rounds: number,
  analyse: ReturnType<typeof loadAnalyser>,
) {
  // One warm-up pass so the JIT has compiled the hot paths before timing.
  for (const t of texts) analyse({ text: redact(normaliseCommentText(t.text)).text, question: t.question });
  const start = performance.now();
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const redacted = redact(normaliseCommentText(t.text));
      sink += analyse({ text: redacted.text, question: t.question }).rating;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return Math.round((texts.length * rounds) / seconds);
}

const dataDir = args.data ?? sharedDataDir();
const rounds = Number(args.rounds);
const startup0 = performance.now();
const analyse = loadAnalyser();
const startupMs = Math.round(performance.now() - startup0);

const fft = parseFftFrameworkCsv(readFileSync(join(dataDir, 'fft-comments-labelled.csv'), 'utf8')).map((c) => ({
  text: c.text,
  question: c.question,
}));
const sample = await sampleStories(7, 5000);
const rows = [
  { set: 'fft-comments-labelled', comments: fft.length, perSecond: measure(fft, rounds, analyse) },
  { set: 'sample source', comments: sample.length, perSecond: measure(sample, rounds, analyse) },
];

console.log('Whole analyse pass on one core (normalise, redact, link, tag, score)\n');
console.log('set                     comments  comments/s');
for (const row of rows) {
  console.log(
    `${row.set.padEnd(22)}  ${String(row.comments).padStart(8)}  ${row.perSecond.toLocaleString('en-GB').padStart(10)}`,
  );
}
console.log(`\nstart-up (reference files + model): ${startupMs} ms`);
if (args.json) console.log(JSON.stringify({ startupMs, rows }));
