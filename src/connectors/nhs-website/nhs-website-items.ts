import type { ParsedItem } from '../connector.js';
import { isObject, isoInstant, optionalString, rejectItem } from '../http/item-checks.js';
import { trustOdsCode } from '../http/ods-code.js';

/**
 * One entry of `GET /comments/Comments`: `{comment: {commentId, odsCode, title, commentText,
 * dateSubmitted, lastUpdated, screenName, status, commentOriginalURL, ratings, visit}, response}`.
 * A review with status `removed` is a tombstone.
 */
export function nhsReview(entry: unknown, location: string): { parsed: ParsedItem; submittedAt?: string } {
  const comment = isObject(entry) && isObject(entry['comment']) ? entry['comment'] : null;
  if (!comment) return { parsed: rejectItem('wrong_type', 'an entry has no comment object', entry, { location }) };
  const problems: string[] = [];
  const commentId = optionalString(comment, 'commentId', problems);
  if (!commentId) problems.push('commentId is missing');
  const status = optionalString(comment, 'status', problems);
  const title = optionalString(comment, 'title', problems) ?? '';
  const text = optionalString(comment, 'commentText', problems);
  const submittedAt = isoInstant(optionalString(comment, 'dateSubmitted', problems), 'dateSubmitted', problems);
  const odsCode = optionalString(comment, 'odsCode', problems);
  const url = optionalString(comment, 'commentOriginalURL', problems);
  const author = optionalString(comment, 'screenName', problems);
  if (problems.length > 0 || !commentId) {
    return { parsed: rejectItem('wrong_type', problems.join('; '), comment, { externalId: commentId, location }) };
  }
  if (status === 'removed') return { parsed: { ok: true, item: { externalId: commentId, text: '', deleted: true } } };
  if (text === undefined) {
    return {
      parsed: rejectItem('missing_text', 'commentText is missing', comment, { externalId: commentId, location }),
    };
  }
  return {
    parsed: {
      ok: true,
      item: {
        externalId: commentId,
        text: title.trim() ? `${title.trim()}\n\n${text}` : text,
        postedAt: submittedAt,
        url,
        authorHandle: author,
        odsCode: trustOdsCode(odsCode),
      },
    },
    submittedAt,
  };
}
