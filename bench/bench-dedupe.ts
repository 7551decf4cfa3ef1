/**
 * Duplicate detection on real FFT comments (read at run time, never copied): SimHash throughput,
 * how many comments the exact and near rules catch, and how far a one-word edit moves a SimHash by
 * text length. `tsx bench/bench-dedupe.ts [--json]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedDataDir } from '../src/config/paths.js';
import { chooseDuplicateOf, DEFAULT_DEDUPE_OPTIONS, type PoolEntry } from '../src/domain/dedupe/choose-duplicate.js';
import { contentHash, normaliseForDedupe } from '../src/domain/dedupe/content-hash.js';
import { hammingDistance, simhash, wordTokens } from '../src/domain/dedupe/simhash.js';

const rows = parse(readFileSync(join(sharedDataDir(), 'fft-comments-labelled.csv')), {
  columns: true,
  skip_empty_lines: true,
}) as Record<string, string>[];
const texts = rows.map((row) => row['FFT answer'] ?? '').filter((text) => text.trim().length > 0);

// Throughput: hash every text several times.
const rounds = 5;
const started = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const text of texts) simhash(normaliseForDedupe(text));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const perSecond = Math.round((texts.length * rounds) / seconds);

// Run every comment through the duplicate rule in file order, pool = all earlier comments whose
// SimHash shares a 16-bit band (the store's index) or whose content hash matches.
const bands = new Map<string, PoolEntry[]>();
const byHash = new Map<string, PoolEntry[]>();
let exact = 0;
let near = 0;
let shortSkipped = 0;
texts.forEach((text, index) => {
  const normalised = normaliseForDedupe(text);
  const entry: PoolEntry = {
    key: `fft:${index}`,
    contentHash: contentHash(text),
    simhash: simhash(normalised),
    duplicateOf: null,
  };
  const bandKeys = [0, 4, 8, 12].map((at) => `${at}:${entry.simhash.slice(at, at + 4)}`);
  const pool = new Set<PoolEntry>([
    ...(byHash.get(entry.contentHash) ?? []),
    ...bandKeys.flatMap((k) => bands.get(k) ?? []),
  ]);
  const subject = { ...entry, normalisedLength: normalised.length };
  if (normalised.length < DEFAULT_DEDUPE_OPTIONS.minLength && pool.size > 0) shortSkipped++;
  entry.duplicateOf = chooseDuplicateOf(subject, pool);
  if (entry.duplicateOf !== null) {
    const original = [...pool].find((p) => p.key === entry.duplicateOf || p.duplicateOf === entry.duplicateOf);
    if (original && original.contentHash === entry.contentHash) exact++;
    else near++;
  }
  byHash.set(entry.contentHash, [...(byHash.get(entry.contentHash) ?? []), entry]);
  for (const k of bandKeys) bands.set(k, [...(bands.get(k) ?? []), entry]);
});

// Sensitivity: one word replaced, by length in words (real comments, first N words).
const sensitivity = [20, 40, 80, 160].map((words) => {
  const samples = texts
    .map(wordTokens)
    .filter((tokens) => tokens.length >= words)
    .slice(0, 200);
  const distances = samples.map((tokens) => {
    const base = tokens.slice(0, words);
    const edited = base.map((token, i) => (i === Math.floor(words / 2) ? 'zzzz' : token));
    return hammingDistance(simhash(base.join(' ')), simhash(edited.join(' ')));
  });
  const mean = distances.reduce((sum, d) => sum + d, 0) / Math.max(1, distances.length);
  const caught = distances.filter((d) => d <= DEFAULT_DEDUPE_OPTIONS.maxHammingDistance).length;
  return {
    words,
    samples: distances.length,
    meanDistance: Number(mean.toFixed(2)),
    caughtShare: Number((caught / Math.max(1, distances.length)).toFixed(2)),
  };
});

const result = {
  comments: texts.length,
  simhashPerSecond: perSecond,
  exactDuplicates: exact,
  nearDuplicates: near,
  shortTextsWithAMatchNotMarked: shortSkipped,
  sensitivity,
};

console.log('Duplicate detection on fft-comments-labelled.csv (minLength 40, Hamming ≤ 3)');
console.log(`comments                         ${result.comments}`);
console.log(`SimHash throughput (texts/s)     ${result.simhashPerSecond}`);
console.log(`exact duplicates marked          ${result.exactDuplicates}`);
console.log(`near duplicates marked           ${result.nearDuplicates}`);
console.log(`short texts with a match, kept   ${result.shortTextsWithAMatchNotMarked}`);
console.log('\none-word edit → SimHash distance');
console.log('words  samples  mean distance  share within 3');
for (const row of sensitivity) {
  console.log(
    `${String(row.words).padStart(5)}  ${String(row.samples).padStart(7)}  ${String(row.meanDistance).padStart(13)}  ${String(row.caughtShare).padStart(14)}`,
  );
}
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
