import { createSampleConnector } from '../../src/connectors/sample/sample-connector.js';
import type { Analyser } from '../../src/domain/model.js';
import { redact } from '../../src/domain/redaction/redact.js';
import { normaliseCommentText } from '../../src/pipeline/collect/normalise-text.js';

export interface AnalysePassRate {
  /** Comments per second of wall-clock time. */
  perSecond: number;
  /** Comments per second of this process's CPU time, which a shared machine's load moves far less. */
  perCpuSecond: number;
}

/**
 * The in-process analyse pass (normalise → redact → analyse, as bench-analyse.ts times it) over the
 * same sample comments an end-to-end run stores. Pages are generated and analysed one at a time, so
 * a million comments never sit in memory at once; only the analysis is timed.
 */
export async function analysePassRate(
  analyse: Analyser,
  sample: { seed: number; count: number; pageSize: number },
): Promise<AnalysePassRate> {
  const connector = createSampleConnector(sample);
  const ctx = { now: () => new Date(), state: { get: async () => null } };
  let cursor: string | null = null;
  let elapsedMs = 0;
  let cpuMicros = 0;
  let comments = 0;
  let warm = false;
  let sink = 0;
  do {
    const page = await connector.fetchPage(cursor, ctx);
    const items = page.items.flatMap((parsed) => (parsed.ok ? [parsed.item] : []));
    const pass = () => {
      for (const item of items) {
        const redacted = redact(normaliseCommentText(item.text));
        sink += analyse({ text: redacted.text, question: item.question, odsCode: item.odsCode }).rating;
      }
    };
    // The first page three times untimed, so the JIT has compiled the hot paths before timing.
    if (!warm) {
      for (let round = 0; round < 3; round++) pass();
      warm = true;
    }
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    pass();
    const cpu = process.cpuUsage(cpuAtStart);
    elapsedMs += performance.now() - started;
    cpuMicros += cpu.user + cpu.system;
    comments += items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  if (sink < 0) throw new Error('unreachable: ratings are 1–5');
  return { perSecond: comments / (elapsedMs / 1000), perCpuSecond: comments / (cpuMicros / 1e6) };
}
