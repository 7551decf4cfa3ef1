import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFileConnector } from '../../../../src/connectors/file/file-connector.js';
import { InboxHarness, okItems } from './inbox-harness.js';

// Quotes, commas, line breaks and multi-byte characters are where CSV and line slicing go wrong.
const record = fc.record({
  text: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', ',', '\n', 'é', '😀'), minLength: 1, maxLength: 30 }),
});

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

describe('file source paging (property)', () => {
  it('reads every record once, in order, with contiguous line ranges, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 0, maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('jsonl', 'csv'),
        async (rows, pageSize, format) => {
          const inbox = new InboxHarness();
          try {
            const body =
              format === 'jsonl'
                ? rows.map((row, i) => JSON.stringify({ id: `r${i}`, text: row.text })).join('\n')
                : ['id,text', ...rows.map((row, i) => `r${i},${csvField(row.text)}`)].join('\n');
            inbox.drop(`data.${format}`, body);
            const pages = await inbox.drain(createFileConnector({ dir: inbox.dir, pageSize }));
            const expected = rows
              .map((row, i) => ({ externalId: `r${i}`, text: row.text.trim() }))
              .filter((row) => row.text !== '');
            expect(okItems(pages).map(({ externalId, text }) => ({ externalId, text }))).toEqual(expected);
            let nextLine = 1;
            for (const page of pages) {
              const [from, to] = page.url.split('#lines=')[1]!.split('-').map(Number);
              expect(from).toBe(nextLine);
              nextLine = to! + 1;
            }
          } finally {
            inbox.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
