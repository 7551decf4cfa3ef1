import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connector, ConnectorContext, FetchedPage, NormalisedItem } from '../../../../src/connectors/connector.js';

/** A temporary inbox and a persistent state that applies pages' state updates like the collect stage. */
export class InboxHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'carevoice-inbox-'));
  readonly state = new Map<string, string>();
  private clock = 1_700_000_000;

  readonly ctx: ConnectorContext = {
    now: () => new Date('2026-01-15T12:00:00Z'),
    state: { get: async (key) => this.state.get(key) ?? null },
  };

  /** Writes a file with a modification time later than every file written before it. */
  drop(name: string, content: string | Buffer): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    this.clock += 10;
    utimesSync(path, this.clock, this.clock);
    return path;
  }

  async fetch(connector: Connector, cursor: string | null): Promise<FetchedPage> {
    const page = await connector.fetchPage(cursor, this.ctx);
    for (const [key, value] of Object.entries(page.stateUpdates ?? {})) this.state.set(key, value);
    return page;
  }

  /** Fetches pages from `cursor` until the source has nothing more. */
  async drain(connector: Connector, cursor: string | null = null, maxPages = 1000): Promise<FetchedPage[]> {
    const pages: FetchedPage[] = [];
    let next = cursor;
    do {
      const page = await this.fetch(connector, next);
      pages.push(page);
      next = page.nextCursor;
    } while (next !== null && pages.length < maxPages);
    return pages;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function okItems(pages: FetchedPage[]): NormalisedItem[] {
  return pages.flatMap((page) => page.items.flatMap((parsed) => (parsed.ok ? [parsed.item] : [])));
}

export function rejections(pages: FetchedPage[]) {
  return pages.flatMap((page) => page.items.flatMap((parsed) => (parsed.ok ? [] : [parsed.rejection])));
}

export function jsonl(records: unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
