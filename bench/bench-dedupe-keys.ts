/**
 * The process stage's duplicate keys (`dedupeKeysOf`: normalise, SHA-256 content hash, SimHash)
 * against the first implementation kept in test/support/dedupe-keys-reference.ts, side by side in one
 * process on alternate chunks of 250 comments (in both orders), so the load of a shared machine falls
 * on both alike. Texts are prepared as collect prepares them (normalise, redact): sample-source
 * stories, the FFT answers and the long Care Opinion stories of ../shared/data. Checks first that
 * both give the same keys for every comment. Rates are comments per CPU-second; the ratio is the
 * figure to quote.
 *
 *   tsx bench/bench-dedupe-keys.ts [--data DIR] [--rounds N] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sharedDataDir } from '../src/config/paths.js';
import { normaliseForDedupe } from '../src/domain/dedupe/content-hash.js';
import { isInertAstral, isInertBmp } from '../src/domain/dedupe/inert-characters.js';
import { redact } from '../src/domain/redaction/redact.js';
import { normaliseCommentText } from '../src/pipeline/collect/normalise-text.js';
import { dedupeKeysOf, naturalKey } from '../src/pipeline/process/dedupe-batch.js';
import { referenceTextKeys } from '../test/support/dedupe-keys-reference.js';
import { pairedCpuRates } from './support/paired-cpu-rates.js';
import { sampleStories } from './support/sample-stories.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const dataDir = args.data ?? sharedDataDir();
const rounds = Number(args.rounds);

interface Comment {
  source: string;
  externalId: string;
  text: string;
  fetchedAt: string;
  pageHash: string;
  redactions: [];
}

type Keys = (comment: Comment) => string;

const passes: Record<'reference' | 'current', Keys> = {
  reference: (comment) => {
    const keys = referenceTextKeys(comment.text);
    return `${naturalKey(comment.source, comment.externalId)} ${keys.contentHash} ${keys.simhash} ${keys.normalisedLength}`;
  },
  current: (comment) => {
    const keys = dedupeKeysOf(comment);
    return `${keys.key} ${keys.contentHash} ${keys.simhash} ${keys.normalisedLength}`;
  },
};

function prepared(texts: readonly string[]): Comment[] {
  return texts.map((text, index) => ({
    source: 'bench',
    externalId: String(index),
    text: redact(normaliseCommentText(text)).text,
    fetchedAt: '2026-01-01T00:00:00Z',
    pageHash: 'bench',
    redactions: [],
  }));
}

function csvColumn(file: string, column: string): string[] {
  const rows = parse(readFileSync(join(dataDir, file)), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => row[column] ?? '').filter((text) => text.trim().length > 0);
}

/** Whether the SimHash word scan takes the text in one pass (ASCII and inert characters only). */
function isScannedInOnePass(text: string): boolean {
  for (const char of normaliseForDedupe(text)) {
    const code = char.codePointAt(0)!;
    if (code >= 0x80 && !(code > 0xffff ? isInertAstral(code) : isInertBmp(code))) return false;
  }
  return true;
}

function compare(comments: Comment[]) {
  const rates = pairedCpuRates(comments, [passes.reference, passes.current], {
    rounds,
    mismatch: (comment) => `keys differ for: ${comment.text}`,
  });
  return { reference: rates.first, current: rates.second, ratio: rates.ratio };
}

const sets = {
  'sample source': prepared((await sampleStories(7, 5000)).map((story) => story.text)),
  'fft-comments-labelled': prepared(csvColumn('fft-comments-labelled.csv', 'FFT answer')),
  'care-opinion stories': prepared(csvColumn('care-opinion-comments-criticality.csv', 'feedback')),
};
const rows = Object.entries(sets).map(([set, comments]) => ({
  set,
  comments: comments.length,
  meanLength: Math.round(comments.reduce((sum, comment) => sum + comment.text.length, 0) / comments.length),
  scannedInOnePass: comments.filter((comment) => isScannedInOnePass(comment.text)).length,
  ...compare(comments),
}));

console.log('Duplicate keys per comment (dedupeKeysOf) against the reference: comments per CPU-second\n');
console.log('set                     comments  mean chars  one-pass scan   reference     current  current÷reference');
for (const row of rows) {
  const rate = (n: number) => n.toLocaleString('en-GB').padStart(10);
  console.log(
    `${row.set.padEnd(22)}  ${String(row.comments).padStart(8)}  ${String(row.meanLength).padStart(10)}  ${String(row.scannedInOnePass).padStart(13)}  ${rate(row.reference)}  ${rate(row.current)}  ${row.ratio.toFixed(2).padStart(17)}`,
  );
}
console.log('\nEvery comment above gave the same content hash, SimHash and normalised length both ways.');
if (args.json) console.log(JSON.stringify({ rounds, rows }));
