import type { ParsedItem } from '../connector.js';
import { isObject, isoInstant, optionalString, rejectItem } from '../http/item-checks.js';
import { trustOdsCode } from '../http/ods-code.js';
import { careOpinionAttributes } from './care-opinion-attributes.js';

/** Link relations that point at the health services an opinion is about. */
const SERVICE_RELS = new Set(['healthservice', 'healthservices', 'service']);

/**
 * One opinion (story) of `GET /api/v2/opinions`: id, title, body (Markdown), dateOfPublication,
 * criticality and inline tags (kept as attributes), and `links` ({rel, id, href}) to its health services,
 * whose NACS/ODS ids give the trust.
 */
export function careOpinionStory(opinion: unknown, location: string): { parsed: ParsedItem; publishedAt?: string } {
  if (!isObject(opinion))
    return { parsed: rejectItem('wrong_type', 'an opinion is not an object', opinion, { location }) };
  const problems: string[] = [];
  const rawId = opinion['id'];
  if (typeof rawId !== 'number' && typeof rawId !== 'string') problems.push('id is missing');
  const title = optionalString(opinion, 'title', problems) ?? '';
  const body = optionalString(opinion, 'body', problems);
  if (body === undefined) problems.push('body is missing');
  const publishedAt = isoInstant(optionalString(opinion, 'dateOfPublication', problems), 'dateOfPublication', problems);
  const submittedAt = isoInstant(optionalString(opinion, 'dateOfSubmission', problems), 'dateOfSubmission', problems);
  const attributes = careOpinionAttributes(opinion, problems);
  const links = opinion['links'] ?? [];
  if (!Array.isArray(links)) problems.push('links is not an array');
  const externalId = rawId === undefined || rawId === null ? undefined : String(rawId);
  if (problems.length > 0 || body === undefined || externalId === undefined) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), opinion, { externalId, location }) };
  }
  const odsCode = (links as unknown[])
    .filter((link) => isObject(link) && typeof link['rel'] === 'string' && SERVICE_RELS.has(link['rel'].toLowerCase()))
    .map((link) => trustOdsCode(String((link as Record<string, unknown>)['id'] ?? '')))
    .find((code) => code !== undefined);
  const text = title.trim() ? `${title.trim()}\n\n${body}` : body;
  return {
    parsed: {
      ok: true,
      item: {
        externalId,
        text,
        postedAt: submittedAt ?? publishedAt,
        url: `https://www.careopinion.org.uk/${encodeURIComponent(externalId)}`,
        odsCode,
        attributes,
      },
    },
    publishedAt,
  };
}
