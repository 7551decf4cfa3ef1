import type { Connector, ParsedItem } from '../connectors/connector.js';
import type { RedactionCount } from '../domain/model.js';
import type { Redactor } from '../pipeline/stage-deps.js';

/** What one page of a source would give, with nothing stored or enqueued (`carevoice sources test`). */
export interface SourceDryRun {
  source: string;
  url: string;
  fetchedAt: string;
  /** Items that would become comments. */
  accepted: number;
  /** Items that would be quarantined. */
  rejected: number;
  /** Tombstones that would delete stored comments. */
  deleted: number;
  /** The first few accepted items, text redacted then shortened; author handles are left out. */
  sample: { externalId: string; postedAt?: string | undefined; text: string; redactions: RedactionCount[] }[];
  rejections: { code: string; reason: string; externalId?: string | undefined }[];
  /** Cursor of the next page; null when this was the last. */
  nextCursor: string | null;
}

export interface DryRunOptions {
  redact: Redactor;
  /** @defaultValue () => new Date() */
  clock?: () => Date;
  /** Items shown. @defaultValue 5 */
  sampleSize?: number;
  /** Characters of each item's text shown. @defaultValue 280 */
  textLength?: number;
}

/**
 * Fetches the first page as a source's first run would (empty state, no stored cursor). Text is
 * redacted before it is shortened, so a cut can never split a pattern the redactor needs whole.
 */
export async function dryRunSource(connector: Connector, options: DryRunOptions): Promise<SourceDryRun> {
  const sampleSize = options.sampleSize ?? 5;
  const textLength = options.textLength ?? 280;
  const page = await connector.fetchPage(null, {
    now: options.clock ?? (() => new Date()),
    state: { get: async () => null },
  });
  const ok = page.items.filter((p): p is Extract<ParsedItem, { ok: true }> => p.ok);
  const accepted = ok.filter((p) => !p.item.deleted);
  return {
    source: connector.id,
    url: page.url,
    fetchedAt: page.fetchedAt,
    accepted: accepted.length,
    rejected: page.items.length - ok.length,
    deleted: ok.length - accepted.length,
    sample: accepted.slice(0, sampleSize).map(({ item }) => {
      const redacted = options.redact(item.text);
      const text = redacted.text.length > textLength ? `${redacted.text.slice(0, textLength)}…` : redacted.text;
      return { externalId: item.externalId, postedAt: item.postedAt, text, redactions: redacted.redactions };
    }),
    rejections: page.items
      .flatMap((p) =>
        p.ok ? [] : [{ code: p.rejection.code, reason: p.rejection.reason, externalId: p.rejection.externalId }],
      )
      .slice(0, sampleSize),
    nextCursor: page.nextCursor,
  };
}
