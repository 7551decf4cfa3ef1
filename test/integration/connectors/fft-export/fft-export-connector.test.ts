import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFftExportConnector } from '../../../../src/connectors/fft-export/fft-export-connector.js';
import { acceptedItems, CollectHarness, externalIds } from '../support/collect-harness.js';

/** Synthetic rows in the FFT framework export layout (see DATA.md §1); no real comment is used. */
const HEADER =
  'Comment ID,Trust,Respondent ID,Date,Service type 1,Service type 2,FFT categorical answer,FFT question,FFT answer';

function row(id: string, date: string, rating: string, question: string, answer: string): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return [id, 'SYN', `R${id}`, date, 'Oncology', 'Day unit', rating, quote(question), quote(answer)].join(',');
}

const ROWS = [
  row('SYN 1 - Q1', '03/02/2026', '1', 'What was good?', 'The chemo nurses were kind and quick.'),
  row('SYN 2 - Q1', '04/02/2026', '4', 'What could we do better?', 'Parking at the cancer centre.\nAnd the wait.'),
  row('SYN 3 - Q1', '05/02/2026', '7', 'What was good?', ''),
  row('SYN 4 - Q1', '06/02/2026', '2', 'What was good?', 'Did not answer'),
  row('SYN 5 - Q1', '31/31/2026', '2', 'What was good?', 'Radiotherapy team explained everything.'),
  row('SYN 6 - Q1', '07/02/2026', '5', 'What could we do better?', 'Results letter came late.'),
  row('SYN 7 - Q1', '2026-02-08', '3', 'What was good?', 'Nothing'),
];

describe('fft-export source', () => {
  let dir: string;
  let clock = 1_770_000_000;
  let harness: CollectHarness;

  const drop = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`);
    clock += 10;
    utimesSync(path, clock, clock);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'carevoice-fft-'));
    harness = new CollectHarness();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams an export over several pages, skipping rows with no answer', async () => {
    drop('fft-2026-02.csv', ROWS);
    const connector = createFftExportConnector({ dir, odsCode: 'RBV', pageSize: 3 });
    const pages = await harness.run(connector);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(externalIds(pages)).toEqual(['SYN 1 - Q1', 'SYN 2 - Q1', 'SYN 6 - Q1', 'SYN 7 - Q1']);
    const items = acceptedItems(pages);
    expect(items[1]).toEqual({
      externalId: 'SYN 2 - Q1',
      text: 'Parking at the cancer centre.\nAnd the wait.',
      question: 'What could we do better?',
      postedAt: '2026-02-04T00:00:00.000Z',
      odsCode: 'RBV',
      attributes: { fftRating: 4, service: 'Oncology / Day unit' },
    });
    // Each accepted row keeps the respondent's own answer (1 very good … 5 very poor).
    expect(items.map((item) => item.attributes?.fftRating)).toEqual([1, 4, 5, 3]);
    const rejected = pages.flatMap((page) => page.items.filter((item) => !item.ok));
    expect(rejected).toEqual([
      expect.objectContaining({
        rejection: expect.objectContaining({ code: 'invalid_date', externalId: 'SYN 5 - Q1' }),
      }),
    ]);
    expect(pages[0]!.url).toBe('file://fft-2026-02.csv#lines=1-4');
  });

  it('leaves out undocumented FFT codes and blank services, and reads float codes', async () => {
    const header = 'Comment ID,Service type 1,FFT categorical answer,FFT answer';
    const lines = ['A,,7,Booking was easy.', 'B,Radiotherapy,2.0,Staff were kind.', 'C, ,x,The wait was long.'];
    writeFileSync(join(dir, 'short.csv'), `${[header, ...lines].join('\n')}\n`);
    const items = acceptedItems(await harness.run(createFftExportConnector({ dir })));
    expect(items.map((item) => [item.externalId, item.attributes])).toEqual([
      ['A', undefined],
      ['B', { fftRating: 2, service: 'Radiotherapy' }],
      ['C', undefined],
    ]);
  });

  it('reads each export once: a later run reads only new files, not copies', async () => {
    drop('a.csv', ROWS.slice(0, 2));
    const connector = createFftExportConnector({ dir, pageSize: 100 });
    expect(externalIds(await harness.run(connector))).toEqual(['SYN 1 - Q1', 'SYN 2 - Q1']);
    drop('a-copy.csv', ROWS.slice(0, 2));
    drop('b.csv', [row('SYN 9 - Q2', '09/02/2026', '1', 'What was good?', 'Booking was easy.')]);
    harness.advance(3_600_000);
    expect(externalIds(await harness.run(connector))).toEqual(['SYN 9 - Q2']);
    harness.advance(3_600_000);
    expect(externalIds(await harness.run(connector))).toEqual([]);
  });

  it('rejects a file without an answer column once, with a clear reason', async () => {
    writeFileSync(join(dir, 'wrong.csv'), 'Comment ID,Date\n1,01/02/2026\n');
    const connector = createFftExportConnector({ dir });
    const [page] = await harness.run(connector);
    expect(page!.items).toEqual([
      expect.objectContaining({ ok: false, rejection: expect.objectContaining({ code: 'invalid_header' }) }),
    ]);
    expect((page!.items[0] as { rejection: { reason: string } }).rejection.reason).toMatch(/FFT answer/);
  });

  it('describes itself and dry-runs the first page without touching state', async () => {
    drop('fft.csv', ROWS);
    const connector = createFftExportConnector({ dir, pageSize: 3 });
    const report = await connector.dryRun(harness.ctx);
    expect(report).toMatchObject({ source: 'fft-export', accepted: 2, rejected: 0, hasMore: true });
    expect(harness.state.size).toBe(0);
    expect(connector.describe()).toMatchObject({ id: 'fft-export', auth: 'none', endpoint: dir });
  });
});
