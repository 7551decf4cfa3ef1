import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeExport } from '../../../src/export/write-export.js';
import {
  type ExportFixture,
  fixedClock,
  openExportFixture,
  readParquet,
  syntheticComment,
  syntheticDivergenceAlert,
  syntheticSafetyAlert,
} from './support/export-fixtures.js';

/**
 * Nothing personal leaves in an export. Marker strings are planted in every stored field that is
 * not published (and in quarantine), then every byte of every exported file is searched for them,
 * along with the decoded Parquet values (compression could hide a string from a byte search).
 */

const MARKERS = {
  authorHash: 'planted-author-hash-q7Zk2Vx9',
  pageHash: 'planted-page-hash-W4nB8sLm',
  xHandle: 'PlantedXHandleRt5',
  mastodonHandle: 'PlantedMastoHandleJp3',
  blueskyHandle: 'planted-bsky-handle-Hc6.bsky.social',
  quarantined: 'planted-quarantine-payload-Yd2',
  safetyAlert: 'planted-safety-alert-evidence-Nf8',
};

let fx: ExportFixture;

beforeEach(async () => {
  const plant = (externalId: string, url: string) => ({
    ...syntheticComment(externalId, 'RAA', `great care at the clinic, story ${externalId}`),
    url,
    authorHash: MARKERS.authorHash,
    pageHash: MARKERS.pageHash,
    redactions: [{ kind: 'person_name' as const, count: 2 }],
  });
  fx = await openExportFixture([
    plant('x-1', `https://x.com/${MARKERS.xHandle}/status/1790000000000000001`),
    plant('m-1', `https://mastodon.social/@${MARKERS.mastodonHandle}/112233445566`),
    plant('b-1', `https://bsky.app/profile/${MARKERS.blueskyHandle}/post/3kabc`),
    plant('s-1', 'https://www.careopinion.org.uk/1234567'),
    ...Array.from({ length: 5 }, (_, i) => plant(`r-${i}`, `https://example.org/stories/r-${i}`)),
  ]);
  await fx.store.recordAlerts([syntheticSafetyAlert('r-1', MARKERS.safetyAlert), syntheticDivergenceAlert()]);
  await fx.store.quarantine([
    {
      source: 'sample',
      externalId: 'q-1',
      code: 'invalid_comment',
      reason: 'text: missing',
      payload: `{"author":"${MARKERS.quarantined}"}`,
      receivedAt: '2024-05-02T09:00:00.000Z',
    },
  ]);
});
afterEach(async () => {
  await fx.cleanup();
});

async function everyExportedText(folder: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const name of await readdir(folder)) {
    texts[name] = (await readFile(join(folder, name))).toString('latin1');
    if (name.endsWith('.parquet'))
      texts[`${name} (decoded)`] = JSON.stringify((await readParquet(join(folder, name))).rows);
  }
  texts['latest.json'] = await readFile(join(fx.exportDir, 'latest.json'), 'latin1');
  return texts;
}

describe('disclosure control', () => {
  it('exports no author hash, page hash, account handle, safety alert or quarantined payload, in any file', async () => {
    const { path } = await writeExport({ store: fx.store, dir: fx.exportDir, date: '2024-06-01', clock: fixedClock() });
    const texts = await everyExportedText(path);
    expect(Object.keys(texts)).toHaveLength(12 + 1 + 4 + 1); // data files, manifest, decoded Parquet, latest
    for (const [file, text] of Object.entries(texts)) {
      for (const [field, marker] of Object.entries(MARKERS)) expect(text, `${field} in ${file}`).not.toContain(marker);
      expect(text, `authorHash in ${file}`).not.toContain('authorHash');
      expect(text, `pageHash in ${file}`).not.toContain('pageHash');
      expect(text, `safety alert kind in ${file}`).not.toContain('self_harm');
    }
    expect(texts['alerts.jsonl']).toContain(syntheticDivergenceAlert().id); // the divergence alert is there
    // The comments are all there, with links that do not name anyone.
    const parquet = (await readParquet(join(path, 'comments.parquet'))).rows;
    const urls = Object.fromEntries(parquet.map((row) => [row['externalId'], row['url']]));
    expect(urls).toMatchObject({
      'x-1': 'https://x.com/i/web/status/1790000000000000001',
      'm-1': null,
      'b-1': null,
      's-1': 'https://www.careopinion.org.uk/1234567',
    });
  });
});
