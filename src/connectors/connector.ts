/**
 * What every source connector implements. A connector only talks to its source and turns raw items
 * into normalised comments; validation failures are returned, not thrown, so one bad item never
 * sinks its page. Redaction, hashing of author handles, batching and enqueueing happen in the
 * collect stage, which is the same for every source.
 */

import type { CommentAttributes } from '../domain/model.js';

/** A comment as the source gave it, normalised but not yet redacted. It never leaves the collect job. */
export interface NormalisedItem {
  externalId: string;
  text: string;
  question?: string | undefined;
  postedAt?: string | undefined;
  url?: string | undefined;
  /** The author's handle in clear; the collect stage hashes it and drops it. */
  authorHandle?: string | undefined;
  odsCode?: string | undefined;
  /** Source-specific facts; the collect stage checks, caps and redacts them. */
  attributes?: CommentAttributes | undefined;
  /** True when the source says the item was deleted upstream (a tombstone). */
  deleted?: boolean | undefined;
}

export interface ItemRejection {
  externalId?: string | undefined;
  /** Stable code such as `missing_text`, `invalid_date`, `wrong_type`. */
  code: string;
  reason: string;
  /** The raw item (redacted by the collect stage before it is kept). */
  raw: unknown;
  location?: string | undefined;
}

export type ParsedItem = { ok: true; item: NormalisedItem } | { ok: false; rejection: ItemRejection };

export interface FetchedPage {
  /** Where the page came from: a URL, or `file://…#lines=…` for a file slice. */
  url: string;
  fetchedAt: string;
  /** SHA-256 of the raw page body. */
  contentHash: string;
  /** Items already parsed by the connector. */
  items: ParsedItem[];
  /** Cursor for the next page; null when the source has nothing more right now. */
  nextCursor: string | null;
  /** Connector state to persist only after the page's comments are safely enqueued. */
  stateUpdates?: Record<string, string> | undefined;
}

export interface ConnectorContext {
  now(): Date;
  signal?: AbortSignal | undefined;
  /** Persistent per-source key/value state (backed by the store's cursors). */
  state: {
    get(key: string): Promise<string | null>;
  };
}

export interface Connector {
  /** Source id, e.g. `file`, `sample`; names the `collect:<id>` queue. */
  readonly id: string;
  /** Fetches one page after `cursor` (null: start from the stored high-water mark or the beginning). */
  fetchPage(cursor: string | null, ctx: ConnectorContext): Promise<FetchedPage>;
}
