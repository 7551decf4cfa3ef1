/**
 * Each worker's memory over its lifetime, from a `--memory-log` file of bench-e2e.ts: for each tenth
 * (or `--parts`) of the run, the highest resident set and heap reserved, and the lowest and highest
 * heap in use, MB.
 *
 *   tsx bench/memory-log-by-time.ts --log DIR/sqlite-2-1000000.jsonl [--parts 10] [--json]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type MemorySample, memoryByTimeSlice } from './e2e/memory-by-time.js';

const { values: args } = parseArgs({
  options: {
    log: { type: 'string' },
    parts: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
if (!args.log) throw new Error('--log FILE is required (a JSON Lines file written by bench-e2e.ts --memory-log)');

const samples = readFileSync(args.log, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as MemorySample);
const slices = memoryByTimeSlice(samples, Number(args.parts));

if (args.json) {
  console.log(JSON.stringify(slices));
} else {
  const header = ['worker pid', 'seconds', 'samples', 'RSS max', 'heap total max', 'heap used min', 'heap used max'];
  const rows = slices.map((s) => [
    String(s.pid),
    `${Math.round(s.fromSeconds)}–${Math.round(s.toSeconds)}`,
    String(s.samples),
    s.rssMax.toFixed(0),
    s.heapTotalMax.toFixed(0),
    s.heapUsedMin.toFixed(0),
    s.heapUsedMax.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
