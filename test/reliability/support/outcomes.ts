import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Each reliability case records one row: what was tried, what held, how long it took. Test files run
 * in separate processes, so rows go to a JSON Lines file that the global teardown turns into a table.
 */

export interface Outcome {
  case: string;
  tried: string;
  held: string;
  ms: number;
}

/** Where rows are collected. @defaultValue `<tmpdir>/carevoice-reliability.jsonl` (CAREVOICE_RELIABILITY_OUT overrides) */
export function outcomesPath(): string {
  return process.env['CAREVOICE_RELIABILITY_OUT'] ?? join(tmpdir(), 'carevoice-reliability.jsonl');
}

export function recordOutcome(outcome: Outcome): void {
  appendFileSync(outcomesPath(), `${JSON.stringify(outcome)}\n`);
}

/** Times `work` and records its row only if it returns (a failed case shows up as a failed test instead). */
export async function timedCase(name: string, tried: string, work: () => Promise<string>): Promise<void> {
  const started = Date.now();
  const held = await work();
  recordOutcome({ case: name, tried, held, ms: Date.now() - started });
}
