import type { ItemRejection, NormalisedItem, ParsedItem } from '../connector.js';
import { parsePostedAt } from './posted-at.js';

/**
 * Checks one dropped record (a JSONL object, or a CSV row keyed by field name) and turns it into a
 * normalised item, or a rejection with a stable code. Null counts as absent for optional fields.
 * A tombstone (`deleted: true`) needs an id but no text.
 */

export interface RecordContext {
  /** `name.jsonl:LINE`. */
  location: string;
  /** What to keep in quarantine if the record is rejected. */
  raw: unknown;
  /** Id to use when the file has no id column at all (CSV). */
  fallbackId?: string | undefined;
}

/** Matches the `externalId` limit of the redacted comment schema. */
const MAX_ID_LENGTH = 512;
const ODS_CODE = /^[A-Z0-9]{3,6}$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '']);

type Fields = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Rejected extends Error {
  constructor(
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

function optionalText(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Rejected('wrong_type', `"${name}" must be a string, found ${kindOf(value)}`);
  return value.trim() === '' ? undefined : value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function readId(fields: Fields, fallbackId: string | undefined): string {
  const value = fields['id'];
  if (value === undefined || value === null) {
    if (fallbackId !== undefined) return fallbackId;
    throw new Rejected('missing_id', 'record has no "id"');
  }
  let id: string;
  if (typeof value === 'string') id = value.trim();
  else if (typeof value === 'number' && Number.isSafeInteger(value)) id = String(value);
  else throw new Rejected('wrong_type', `"id" must be a string or an integer, found ${kindOf(value)}`);
  if (id === '') throw new Rejected('missing_id', '"id" is empty');
  if (id.length > MAX_ID_LENGTH) throw new Rejected('id_too_long', `"id" is over ${MAX_ID_LENGTH} characters`);
  return id;
}

function readDeleted(fields: Fields): boolean {
  const value = fields['deleted'];
  if (value === undefined || value === null || typeof value === 'boolean') return value === true;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw new Rejected('wrong_type', `"deleted" must be true or false, found ${JSON.stringify(value)}`);
}

function readText(fields: Fields, deleted: boolean): string {
  const value = fields['text'];
  if (value === undefined || value === null) {
    if (deleted) return '';
    throw new Rejected('missing_text', 'record has no "text"');
  }
  if (typeof value !== 'string') throw new Rejected('wrong_type', `"text" must be a string, found ${kindOf(value)}`);
  const text = value.trim();
  if (text === '' && !deleted) throw new Rejected('empty_text', '"text" is empty');
  return text;
}

function readPostedAt(fields: Fields): string | undefined {
  const value = optionalText(fields, 'postedAt');
  if (value === undefined) return undefined;
  const instant = parsePostedAt(value);
  if (instant === null) {
    throw new Rejected('invalid_date', `"postedAt" ${JSON.stringify(value.slice(0, 40))} is not a valid date`);
  }
  return instant;
}

function readOdsCode(fields: Fields): string | undefined {
  const value = optionalText(fields, 'odsCode');
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!ODS_CODE.test(code))
    throw new Rejected('invalid_ods_code', `"odsCode" ${JSON.stringify(value)} is not an ODS code`);
  return code;
}

export function toParsedItem(fields: Fields, context: RecordContext): ParsedItem {
  let externalId: string | undefined;
  try {
    externalId = readId(fields, context.fallbackId);
    const deleted = readDeleted(fields);
    const item: NormalisedItem = {
      externalId,
      text: readText(fields, deleted),
      question: optionalText(fields, 'question'),
      postedAt: readPostedAt(fields),
      url: optionalText(fields, 'url'),
      authorHandle: optionalText(fields, 'author'),
      odsCode: readOdsCode(fields),
    };
    if (deleted) item.deleted = true;
    return { ok: true, item };
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    return { ok: false, rejection: rejection(error.code, error.message, context, externalId) };
  }
}

export function rejection(
  code: string,
  reason: string,
  context: Pick<RecordContext, 'location' | 'raw'>,
  externalId?: string,
): ItemRejection {
  return { externalId, code, reason, raw: context.raw, location: context.location };
}
