import { XMLParser } from 'fast-xml-parser';
import { MalformedPageError } from './errors/malformed-page-error.js';

/** What a request expects back; anything else is a malformed page. */
export type BodyKind = 'json' | 'xml' | 'csv' | 'text';

const ACCEPT: Record<BodyKind, string> = {
  json: 'application/json',
  xml: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
  csv: 'text/csv',
  text: 'text/plain',
};

export function acceptHeader(kind: BodyKind): string {
  return ACCEPT[kind];
}

function mediaTypeMatches(kind: BodyKind, mediaType: string): boolean {
  switch (kind) {
    case 'json':
      return mediaType === 'application/json' || mediaType.endsWith('+json');
    case 'xml':
      return mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');
    case 'csv':
      return mediaType === 'text/csv' || mediaType === 'application/csv';
    case 'text':
      return mediaType.startsWith('text/');
  }
}

const HTML_START = /^\s*(<!doctype html|<html[\s>])/i;

interface Where {
  source: string;
  url: string;
}

/** Strict UTF-8: a byte sequence that is not UTF-8 fails instead of turning into U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, where: Where): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new MalformedPageError(where.source, 'invalid_utf8', where.url, 'the body is not valid UTF-8');
  }
}

/** Checks the Content-Type against what was expected; an HTML page where data was due is named as such. */
export function checkContentType(kind: BodyKind, contentType: string | null, text: string, where: Where): void {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'text/html' || (HTML_START.test(text) && kind !== 'text')) {
    const title = /<title>([^<]{0,120})/i.exec(text)?.[1]?.trim();
    const detail = `expected ${kind} but got an HTML page${title ? ` ("${title}")` : ''}`;
    throw new MalformedPageError(where.source, 'html_error_page', where.url, detail);
  }
  if (!mediaTypeMatches(kind, mediaType)) {
    const detail = `expected ${kind} but Content-Type is "${contentType ?? '(none)'}"`;
    throw new MalformedPageError(where.source, 'wrong_content_type', where.url, detail);
  }
}

export function parseJsonText(text: string, where: Where): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedPageError(where.source, 'invalid_json', where.url, (error as Error).message);
  }
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Entities inside feeds stay text; nothing is fetched or expanded beyond the standard five.
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'category',
});

export function parseXmlText(text: string, where: Where): Record<string, unknown> {
  try {
    const parsed = xmlParser.parse(text, true) as Record<string, unknown>;
    return parsed;
  } catch (error) {
    const detail = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MalformedPageError(where.source, 'invalid_xml', where.url, detail);
  }
}
