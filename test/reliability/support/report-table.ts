import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Outcome, outcomesPath } from './outcomes.js';

/**
 * Vitest global setup: starts each run with an empty outcomes file, and at the end prints the table
 * of what was tried and what held (also written beside it as Markdown, for docs/RELIABILITY.md).
 */

export function setup(): () => void {
  const path = outcomesPath();
  rmSync(path, { force: true });
  const started = Date.now();
  return () => {
    const rows = existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Outcome)
      : [];
    const table = markdownTable(rows, Date.now() - started);
    writeFileSync(path.replace(/\.jsonl$/, '.md'), `${table}\n`);
    process.stdout.write(`\nReliability cases (${rows.length} held)\n\n${table}\n`);
  };
}

export function markdownTable(rows: readonly Outcome[], wallMs: number): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| case | what was tried | what held | time |',
    '| --- | --- | --- | ---: |',
    ...rows.map((r) => `| ${cell(r.case)} | ${cell(r.tried)} | ${cell(r.held)} | ${(r.ms / 1000).toFixed(1)} s |`),
  ];
  lines.push('', `Whole suite: ${(wallMs / 1000).toFixed(1)} s wall clock.`);
  return lines.join('\n');
}
