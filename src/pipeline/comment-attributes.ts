import { z } from 'zod';

/**
 * Limits and the payload schema of a comment's source-specific attributes (`CommentAttributes`).
 * The collect stage enforces the limits; the process stage checks them again because job data
 * comes from Redis and is untrusted.
 */

/** Most tags kept per comment; Care Opinion stories carry a handful, so more is noise or abuse. */
export const MAX_ATTRIBUTE_TAGS = 20;
/** Longest tag kept, in characters after redaction. */
export const MAX_TAG_LENGTH = 100;
/** Longest service name kept, in characters after redaction. */
export const MAX_SERVICE_LENGTH = 200;

export const FFT_RATINGS = [1, 2, 3, 4, 5] as const;

export const commentAttributesSchema = z.object({
  tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).min(1).max(MAX_ATTRIBUTE_TAGS).optional(),
  criticality: z.number().int().min(-5).max(5).optional(),
  fftRating: z.literal(FFT_RATINGS).optional(),
  service: z.string().min(1).max(MAX_SERVICE_LENGTH).optional(),
});
