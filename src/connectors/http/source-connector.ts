import type { Connector, ConnectorContext, ParsedItem } from '../connector.js';

/** What `carevoice sources list` shows about a source; credentials appear only as set / not set. */
export interface ConnectorDescription {
  id: string;
  title: string;
  /** Base URL (or folder) the connector reads. */
  endpoint: string;
  /** Whether the source needs credentials, may use them, or needs none. */
  auth: 'required' | 'optional' | 'none';
  authConfigured: boolean;
  /** Effective options, with every credential shown as `(set)` or `(not set)`. */
  options: Record<string, unknown>;
}

/** What one page would collect, without storing anything (`carevoice sources test <id>`). */
export interface DryRunReport {
  source: string;
  url: string;
  fetchedAt: string;
  contentHash: string;
  accepted: number;
  rejected: number;
  deleted: number;
  /** The first few accepted items, text shortened, author handle left out. */
  sample: { externalId: string; postedAt?: string | undefined; url?: string | undefined; text: string }[];
  rejections: { code: string; reason: string; externalId?: string | undefined }[];
  /** Whether the source has more pages after this one. */
  hasMore: boolean;
}

/** A connector that can also describe itself and fetch one page for a dry run. */
export interface SourceConnector extends Connector {
  describe(): ConnectorDescription;
  dryRun(ctx: ConnectorContext): Promise<DryRunReport>;
}

export function credentialShown(value: string | undefined): string {
  return value ? '(set)' : '(not set)';
}

const SAMPLE_SIZE = 5;
const SAMPLE_TEXT = 280;

/** Fetches the first page from the beginning (ignoring any stored cursor) and summarises it. */
export async function dryRunConnector(connector: Connector, ctx: ConnectorContext): Promise<DryRunReport> {
  const page = await connector.fetchPage(null, ctx);
  const ok = page.items.filter((p): p is Extract<ParsedItem, { ok: true }> => p.ok);
  const accepted = ok.filter((p) => !p.item.deleted);
  return {
    source: connector.id,
    url: page.url,
    fetchedAt: page.fetchedAt,
    contentHash: page.contentHash,
    accepted: accepted.length,
    rejected: page.items.length - ok.length,
    deleted: ok.length - accepted.length,
    sample: accepted.slice(0, SAMPLE_SIZE).map(({ item }) => ({
      externalId: item.externalId,
      postedAt: item.postedAt,
      url: item.url,
      text: item.text.length > SAMPLE_TEXT ? `${item.text.slice(0, SAMPLE_TEXT)}…` : item.text,
    })),
    rejections: page.items.flatMap((p) =>
      p.ok ? [] : [{ code: p.rejection.code, reason: p.rejection.reason, externalId: p.rejection.externalId }],
    ),
    hasMore: page.nextCursor !== null,
  };
}

/** Adds `describe` and `dryRun` to a connector. */
export function withDescription(connector: Connector, describe: () => ConnectorDescription): SourceConnector {
  return {
    id: connector.id,
    fetchPage: (cursor, ctx) => connector.fetchPage(cursor, ctx),
    describe,
    dryRun: (ctx) => dryRunConnector(connector, ctx),
  };
}
