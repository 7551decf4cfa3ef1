import { createHmac } from 'node:crypto';
import type { FetchedPage, ItemRejection, NormalisedItem, ParsedItem } from '../../connectors/connector.js';
import type { QuarantineRecord, RedactedComment, RedactionCount } from '../../domain/model.js';
import { accountFreeExternalId } from '../../domain/privacy/account-free-id.js';
import { publicCommentLink } from '../../domain/privacy/public-link.js';
import { renderQuarantinePayload } from '../quarantine-payload.js';
import type { Redactor } from '../stage-deps.js';
import { normaliseCommentText } from './normalise-text.js';
import { prepareAttributes } from './prepare-attributes.js';

/**
 * One parsed item → what the collect stage does with it: a redacted comment to enqueue, a
 * quarantine record, or an upstream deletion. The author handle is hashed here and goes no further.
 */

export type PreparedItem =
  | { kind: 'comment'; comment: RedactedComment }
  | { kind: 'quarantine'; record: QuarantineRecord }
  | { kind: 'deleted'; externalId: string };

export interface PrepareContext {
  source: string;
  page: Pick<FetchedPage, 'url' | 'fetchedAt' | 'contentHash'>;
  redact: Redactor;
  authorHashKey: string;
  /** Longest accepted text, in characters after normalisation. */
  maxTextLength: number;
  receivedAt: string;
}

const MAX_EXTERNAL_ID = 512;

export function hashAuthor(handle: string, key: string): string {
  return createHmac('sha256', key).update(handle, 'utf8').digest('hex');
}

/** An ISO-8601 instant for a parseable date string, or null. */
export function toIsoInstant(value: string): string | null {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function mergeRedactions(...lists: RedactionCount[][]): RedactionCount[] {
  const totals = new Map<RedactionCount['kind'], number>();
  for (const list of lists) for (const { kind, count } of list) totals.set(kind, (totals.get(kind) ?? 0) + count);
  return [...totals].map(([kind, count]) => ({ kind, count }));
}

function quarantineOf(rejection: ItemRejection, ctx: PrepareContext): PreparedItem {
  return {
    kind: 'quarantine',
    record: {
      source: ctx.source,
      externalId:
        rejection.externalId === undefined
          ? undefined
          : accountFreeExternalId(rejection.externalId, (account) => hashAuthor(account, ctx.authorHashKey)),
      code: rejection.code,
      reason: rejection.reason,
      payload: renderQuarantinePayload(rejection.raw, ctx.redact),
      location: rejection.location ?? ctx.page.url,
      receivedAt: ctx.receivedAt,
    },
  };
}

function reject(item: NormalisedItem, code: string, reason: string, ctx: PrepareContext): PreparedItem {
  // The handle never leaves the job, not even in quarantine.
  const { authorHandle: _handle, ...raw } = item;
  return quarantineOf({ externalId: item.externalId || undefined, code, reason, raw }, ctx);
}

export function prepareItem(parsed: ParsedItem, ctx: PrepareContext): PreparedItem {
  if (!parsed.ok) return quarantineOf(parsed.rejection, ctx);
  const item = parsed.item;
  const rawId = typeof item.externalId === 'string' ? item.externalId.trim() : '';
  // Ids and links that name the author's account are made account-free before anything is kept.
  const externalId = accountFreeExternalId(rawId, (account) => hashAuthor(account, ctx.authorHashKey));
  if (externalId.length === 0 || externalId.length > MAX_EXTERNAL_ID) {
    return reject(item, 'invalid_id', `externalId must be 1–${MAX_EXTERNAL_ID} characters`, ctx);
  }
  if (item.deleted) return { kind: 'deleted', externalId };
  if (typeof item.text !== 'string') return reject(item, 'missing_text', 'the item has no text', ctx);
  const text = normaliseCommentText(item.text);
  if (text.length === 0) return reject(item, 'missing_text', 'the text is empty after normalisation', ctx);
  if (text.length > ctx.maxTextLength) {
    return reject(item, 'text_too_long', `text has ${text.length} characters; the limit is ${ctx.maxTextLength}`, ctx);
  }
  let postedAt: string | undefined;
  if (item.postedAt !== undefined && item.postedAt !== '') {
    postedAt = toIsoInstant(item.postedAt) ?? undefined;
    if (postedAt === undefined) return reject(item, 'invalid_date', `postedAt "${item.postedAt}" is not a date`, ctx);
  }
  const attributes = prepareAttributes(item.attributes, ctx.redact);
  if (!attributes.ok) return reject(item, 'invalid_attributes', attributes.reason, ctx);
  const fetchedAt = toIsoInstant(ctx.page.fetchedAt) ?? ctx.receivedAt;
  const redactedText = ctx.redact(text);
  const question = item.question ? normaliseCommentText(item.question) : '';
  const redactedQuestion = question ? ctx.redact(question) : undefined;
  const handle = item.authorHandle?.trim();
  const odsCode = item.odsCode?.trim().toUpperCase();
  const comment: RedactedComment = {
    source: ctx.source,
    externalId,
    text: redactedText.text,
    fetchedAt,
    pageHash: ctx.page.contentHash,
    redactions: mergeRedactions(redactedText.redactions, redactedQuestion?.redactions ?? [], attributes.redactions),
  };
  if (redactedQuestion) comment.question = redactedQuestion.text;
  if (postedAt) comment.postedAt = postedAt;
  const link = publicCommentLink(item.url);
  if (link) comment.url = link;
  if (handle) comment.authorHash = hashAuthor(handle, ctx.authorHashKey);
  if (odsCode) comment.odsCode = odsCode;
  if (attributes.attributes) comment.attributes = attributes.attributes;
  return { kind: 'comment', comment };
}
