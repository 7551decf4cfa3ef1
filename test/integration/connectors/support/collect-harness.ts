import type { Connector, ConnectorContext, FetchedPage, NormalisedItem } from '../../../../src/connectors/connector.js';

/**
 * Runs a connector the way the collect stage does: the cursor is saved only when a page returns a
 * non-null one, state updates are applied after each page, and a run starts from the saved cursor.
 */
export class CollectHarness {
  readonly state = new Map<string, string>();
  cursor: string | null = null;
  private nowMs: number;

  constructor(start = '2026-03-01T12:00:00Z') {
    this.nowMs = Date.parse(start);
  }

  get now(): Date {
    return new Date(this.nowMs);
  }

  /** Moves the clock on, e.g. to the next scheduled run. */
  advance(ms: number): void {
    this.nowMs += ms;
  }

  readonly ctx: ConnectorContext = {
    now: () => new Date(this.nowMs),
    state: { get: async (key) => this.state.get(key) ?? null },
  };

  async page(connector: Connector): Promise<FetchedPage> {
    const page = await connector.fetchPage(this.cursor, this.ctx);
    for (const [key, value] of Object.entries(page.stateUpdates ?? {})) this.state.set(key, value);
    if (page.nextCursor !== null) this.cursor = page.nextCursor;
    return page;
  }

  /** One collect run: pages until the source says it is caught up. */
  async run(connector: Connector, maxPages = 100): Promise<FetchedPage[]> {
    const pages: FetchedPage[] = [];
    for (;;) {
      const page = await this.page(connector);
      pages.push(page);
      if (page.nextCursor === null || pages.length >= maxPages) return pages;
    }
  }
}

export function acceptedItems(pages: FetchedPage[]): NormalisedItem[] {
  return pages.flatMap((page) => page.items.flatMap((parsed) => (parsed.ok ? [parsed.item] : [])));
}

export function externalIds(pages: FetchedPage[]): string[] {
  return acceptedItems(pages).map((item) => item.externalId);
}
