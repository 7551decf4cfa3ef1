import { createSampleConnector } from '../../src/connectors/sample/sample-connector.js';
import type { PassComment } from './analyse-pass-at-commit.js';

/** Every story the sample source gives for a seed, fetched page by page as collect would. */
export async function sampleStories(seed: number, count: number): Promise<PassComment[]> {
  const connector = createSampleConnector({ seed, count, pageSize: 1000 });
  const comments: PassComment[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchPage(cursor, { now: () => new Date(), state: { get: async () => null } });
    for (const parsed of page.items) if (parsed.ok) comments.push({ text: parsed.item.text });
    cursor = page.nextCursor;
  } while (cursor !== null);
  return comments;
}
