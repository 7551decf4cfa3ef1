import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { type AnalyseLineDeps, analyseLine, isRejected } from '../../analyse/analyse-line.js';
import { readLfLines } from '../lf-lines.js';

export interface AnalyseCommandOptions {
  /** Input file; standard input when absent. */
  in?: string;
}

/** Exit codes of `carevoice analyse`: 0 every line read, 3 at least one line rejected. */
export const ANALYSE_EXIT_REJECTED = 3;

/** Output lines are written in chunks: one write per line would dominate the cost of the pass. */
const FLUSH_EVERY = 256;

/**
 * Streams JSON Lines through the same redact → analyse code as the process stage, one output line
 * per input line, in order. Lines end at LF (CRLF too). Blank lines are skipped (their numbers still
 * count for error reports).
 */
export async function runAnalyse(
  options: AnalyseCommandOptions,
  deps: AnalyseLineDeps,
  io: { stdin: NodeJS.ReadableStream; stdout: Writable },
): Promise<{ exitCode: number; lines: number; rejected: number }> {
  const input = options.in ? createReadStream(options.in) : io.stdin;
  let lineNumber = 0;
  let lines = 0;
  let rejected = 0;
  let pending: string[] = [];

  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = `${pending.join('\n')}\n`;
    pending = [];
    if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
  };

  for await (const raw of readLfLines(input as AsyncIterable<Buffer | string>)) {
    lineNumber++;
    if (raw.trim() === '') continue;
    lines++;
    const result = analyseLine(raw, lineNumber, deps);
    if (isRejected(result)) rejected++;
    pending.push(JSON.stringify(result));
    if (pending.length >= FLUSH_EVERY) await flush();
  }
  await flush();
  return { exitCode: rejected > 0 ? ANALYSE_EXIT_REJECTED : 0, lines, rejected };
}
