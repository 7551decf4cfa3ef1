import { z } from 'zod';
import type { Analyser, CommentAnalysis, RedactionCount } from '../domain/model.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../pipeline/pipeline-options.js';

/**
 * The `carevoice analyse` contract (ARCHITECTURE.md): one JSON object per input line in, one per
 * output line out, same order. A line that cannot be read yields an error object in its place.
 */

const inputSchema = z.object({
  id: z.string().min(1, 'id must not be empty').max(512),
  // The collect stage's limit: longer text is rejected, not truncated silently.
  text: z.string().max(DEFAULT_MAX_TEXT_LENGTH, `text is longer than ${DEFAULT_MAX_TEXT_LENGTH} characters`),
  question: z.string().max(1_000).optional(),
  source: z.string().max(100).optional(),
  postedAt: z.string().datetime({ offset: true, message: 'postedAt must be an ISO-8601 date-time' }).optional(),
});

export interface AnalyseLineDeps {
  normalise(text: string): string;
  redact(text: string): { text: string; redactions: RedactionCount[] };
  analyse: Analyser;
}

export type AnalysedLine = { id: string; text: string } & CommentAnalysis & { redactions: RedactionCount[] };

export interface RejectedLine {
  line: number;
  id?: string;
  error: { code: string; message: string };
}

export function analyseLine(raw: string, lineNumber: number, deps: AnalyseLineDeps): AnalysedLine | RejectedLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return reject(lineNumber, undefined, 'invalid_json', `line is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return reject(lineNumber, undefined, 'not_an_object', 'each line must be one JSON object');
  }
  const parsed = inputSchema.safeParse(value);
  const id = typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`)
      .join('; ');
    const code = parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.path[0] === 'text')
      ? 'text_too_long'
      : 'invalid_field';
    return reject(lineNumber, id, code, message);
  }
  const input = parsed.data;
  const redacted = deps.redact(deps.normalise(input.text));
  const analysis = deps.analyse({ text: redacted.text, question: input.question, postedAt: input.postedAt });
  return { id: input.id, text: redacted.text, ...analysis, redactions: redacted.redactions };
}

function reject(line: number, id: string | undefined, code: string, message: string): RejectedLine {
  return id === undefined ? { line, error: { code, message } } : { line, id, error: { code, message } };
}

export function isRejected(result: AnalysedLine | RejectedLine): result is RejectedLine {
  return 'error' in result;
}
