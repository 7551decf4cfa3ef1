import { z } from 'zod';
import type { CommentAttributes, RedactionCount } from '../../domain/model.js';
import { FFT_RATINGS, MAX_ATTRIBUTE_TAGS, MAX_SERVICE_LENGTH, MAX_TAG_LENGTH } from '../comment-attributes.js';
import type { Redactor } from '../stage-deps.js';
import { normaliseCommentText } from './normalise-text.js';

/**
 * A connector's attributes → what is kept: checked (an unknown key or a value off its scale is a
 * connector fault and quarantines the item), free text normalised and redacted, sizes capped.
 */

/** What a connector may hand over; strict so a misspelt key is reported, not silently dropped. */
const incomingAttributesSchema = z.strictObject({
  tags: z.array(z.string()).optional(),
  criticality: z.number().int().min(-5).max(5).optional(),
  fftRating: z.literal(FFT_RATINGS).optional(),
  service: z.string().optional(),
});

export type PreparedAttributes =
  | { ok: true; attributes: CommentAttributes | undefined; redactions: RedactionCount[] }
  | { ok: false; reason: string };

/** Redacts first and cuts after, so a cut can never split a phone number the redactor would have caught. */
function redactLabel(text: string, max: number, redact: Redactor): { text: string; redactions: RedactionCount[] } {
  const clean = normaliseCommentText(text).replace(/\s+/g, ' ');
  if (clean === '') return { text: '', redactions: [] };
  const redacted = redact(clean);
  return { text: redacted.text.slice(0, max).trim(), redactions: redacted.redactions };
}

export function prepareAttributes(raw: unknown, redact: Redactor): PreparedAttributes {
  if (raw === undefined) return { ok: true, attributes: undefined, redactions: [] };
  const parsed = incomingAttributesSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `attributes ${reason.join('; ')}` };
  }
  const { tags, criticality, fftRating, service } = parsed.data;
  const redactions: RedactionCount[] = [];
  const attributes: CommentAttributes = {};
  if (tags) {
    const kept = new Set<string>();
    for (const tag of tags) {
      if (kept.size >= MAX_ATTRIBUTE_TAGS) break;
      const label = redactLabel(tag, MAX_TAG_LENGTH, redact);
      if (label.text === '' || kept.has(label.text)) continue;
      kept.add(label.text);
      redactions.push(...label.redactions);
    }
    if (kept.size > 0) attributes.tags = [...kept];
  }
  if (criticality !== undefined) attributes.criticality = criticality;
  if (fftRating !== undefined) attributes.fftRating = fftRating;
  if (service !== undefined) {
    const label = redactLabel(service, MAX_SERVICE_LENGTH, redact);
    if (label.text !== '') {
      attributes.service = label.text;
      redactions.push(...label.redactions);
    }
  }
  return { ok: true, attributes: Object.keys(attributes).length > 0 ? attributes : undefined, redactions };
}
