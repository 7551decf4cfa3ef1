import { z } from 'zod';
import { THEMES, TUMOUR_GROUPS } from '../../../../src/domain/model.js';

/**
 * The `carevoice analyse` output contract of ARCHITECTURE.md, written out independently of the
 * implementation's types: strict objects (no extra keys), the literal label and kind lists of the
 * contract, theme and tumour group ids from the shared vocabulary.
 */

const label = z.enum(['negative', 'neutral', 'positive']);
const COMMON = new Set(['breast', 'prostate', 'lung', 'colorectal']);

export const ANALYSED_KEYS = [
  'id',
  'text',
  'sentiment',
  'rating',
  'themes',
  'tumourGroups',
  'rareCancer',
  'provider',
  'safety',
  'redactions',
] as const;

export const analysedLineSchema = z
  .strictObject({
    id: z.string(),
    text: z.string(),
    sentiment: z.strictObject({ label, score: z.number().min(-1).max(1) }),
    rating: z.number().int().min(1).max(5),
    themes: z.array(z.strictObject({ id: z.enum(THEMES), sentiment: label })),
    tumourGroups: z.array(z.enum(TUMOUR_GROUPS)),
    rareCancer: z.boolean(),
    provider: z.strictObject({ odsCode: z.string().regex(/^[A-Z0-9]{3,6}$/), name: z.string().min(1) }).nullable(),
    safety: z.array(
      z.strictObject({
        kind: z.enum([
          'medication_error',
          'missed_deterioration',
          'fall',
          'pressure_ulcer',
          'unsafe_discharge',
          'safeguarding',
          'self_harm',
          'other_harm',
        ]),
      }),
    ),
    redactions: z.array(
      z.strictObject({
        kind: z.enum([
          'email',
          'phone',
          'nhs_number',
          'postcode',
          'date_of_birth',
          'hospital_number',
          'person_name',
          'address',
        ]),
        count: z.number().int().positive(),
      }),
    ),
  })
  .superRefine((line, ctx) => {
    // Rare and less common: every tumour group but the four common cancers, `other` included (a rare
    // subtype of a common group, e.g. male breast cancer, may also set it; no group never does).
    const rareGroup = line.tumourGroups.some((group) => !COMMON.has(group));
    if ((rareGroup && !line.rareCancer) || (line.tumourGroups.length === 0 && line.rareCancer)) {
      ctx.addIssue({ code: 'custom', message: `rareCancer is ${line.rareCancer} for ${line.tumourGroups.join(',')}` });
    }
    if (new Set(line.themes.map((t) => t.id)).size !== line.themes.length) {
      ctx.addIssue({ code: 'custom', message: 'a theme is listed twice' });
    }
  });

export const rejectedLineSchema = z.strictObject({
  line: z.number().int().positive(),
  id: z.string().optional(),
  error: z.strictObject({ code: z.string().regex(/^[a-z_]+$/), message: z.string().min(1) }),
});

export type AnalysedLine = z.infer<typeof analysedLineSchema>;
export type RejectedLine = z.infer<typeof rejectedLineSchema>;

/** Parses one output line against the contract; throws with the zod issues when it does not hold. */
export function readOutputLine(line: string): { ok: true; value: AnalysedLine } | { ok: false; value: RejectedLine } {
  const value = JSON.parse(line) as Record<string, unknown>;
  if ('error' in value) return { ok: false, value: rejectedLineSchema.parse(value) };
  const parsed = analysedLineSchema.parse(value);
  if (Object.keys(value).join(',') !== ANALYSED_KEYS.join(',')) {
    throw new Error(`keys out of contract order: ${Object.keys(value).join(',')}`);
  }
  return { ok: true, value: parsed };
}

/** The input lines the CLI answers: every line of the text split at LF (a CRLF's CR dropped) that is not blank. */
export function answeredLines(input: string): { lineNumber: number; text: string }[] {
  const lines = input.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines
    .map((text, index) => ({ lineNumber: index + 1, text: text.endsWith('\r') ? text.slice(0, -1) : text }))
    .filter((line) => line.text.trim() !== '');
}
