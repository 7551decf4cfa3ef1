import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import { runCli } from './support/cli-process.js';
import { type CliWorkspace, createCliWorkspace } from './support/cli-workspace.js';
import { expectManifestMatchesFiles, filesUnder, readLatestExport } from './support/export-files.js';

/**
 * `carevoice run --once` with only the file source: a dropped JSON Lines file with good and malformed
 * records. Good ones are stored redacted, bad ones quarantined with a specific code, nothing is lost,
 * and the same file dropped again under another name adds nothing. All texts are synthetic.
 */

const EMAIL = 'jo.bloggs.cvtest@example.org';
const PHONE = '07700 900461';
const OTHER_PHONE = '+44 7700 900987';

/** Personal data planted in the drop, in the forms a scan of the bytes must never find. */
const PLANTED = ['jo.bloggs.cvtest', 'example.org', '07700 900461', '07700900461', '7700 900987', '7700900987'];

const LINES: string[] = [
  JSON.stringify({
    id: 'good-1',
    text: 'The radiotherapy team at the Christie were kind and the appointments ran on time.',
    postedAt: '2026-03-04T10:00:00Z',
    odsCode: 'RBV',
  }),
  JSON.stringify({
    id: 'good-2',
    text: `Please email me at ${EMAIL} or ring ${PHONE}: the wait for my breast clinic results was far too long.`,
    postedAt: '2026-03-05',
  }),
  'this line is not JSON {',
  JSON.stringify({ id: 'bad-missing-text', question: 'What was good?' }),
  JSON.stringify({ id: 'bad-wrong-type', text: 42 }),
  '',
  JSON.stringify({ id: 'bad-wrong-type-pii', text: [`call ${OTHER_PHONE}`] }),
  JSON.stringify(['an', 'array']),
  JSON.stringify({ id: 'bad-date', text: 'The ward was clean.', postedAt: 'last Tuesday' }),
  JSON.stringify({
    id: 'good-3',
    text: 'My specialist nurse always rang back and explained the scan results clearly.',
    question: 'What was good?',
  }),
];

const GOOD = ['good-1', 'good-2', 'good-3'];
const QUARANTINED: Record<string, string> = {
  'drop-1.jsonl:3': 'invalid_json',
  'drop-1.jsonl:4': 'missing_text',
  'drop-1.jsonl:5': 'wrong_type',
  'drop-1.jsonl:7': 'wrong_type',
  'drop-1.jsonl:8': 'not_an_object',
  'drop-1.jsonl:9': 'invalid_date',
};

let ws: CliWorkspace;
beforeAll(async () => {
  ws = await createCliWorkspace();
  await mkdir(ws.inboxDir, { recursive: true });
  await writeFile(join(ws.inboxDir, 'drop-1.jsonl'), `${LINES.join('\n')}\n`);
});
afterAll(async () => {
  await ws.cleanup();
});

const env = () => ws.env({ CAREVOICE_FILE_ENABLED: 'true', CAREVOICE_SAMPLE_ENABLED: 'false' });

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ sqlitePath: ws.sqlitePath });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function expectNoPlantedDataIn(paths: string[]): Promise<void> {
  for (const path of paths) {
    const bytes = await readFile(path);
    for (const needle of PLANTED) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} found in ${path}`).toBe(false);
    }
  }
}

describe('carevoice run --once (file source)', () => {
  it('stores the good records redacted and quarantines each malformed one with its code', async () => {
    const result = await runCli(['run', '--once'], { cwd: ws.dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/file\s+1\s+3\n/);

    await withStore(async (store) => {
      expect(await store.countComments({ includeDuplicates: true })).toBe(GOOD.length);
      for (const id of GOOD) expect(await store.getComment('file', id), id).not.toBeNull();
      const redacted = await store.getComment('file', 'good-2');
      expect(redacted?.text).not.toContain(EMAIL);
      expect(redacted?.text).not.toMatch(/07700\s?900461/);
      expect(redacted?.redactions).toEqual(
        expect.arrayContaining([
          { kind: 'email', count: 1 },
          { kind: 'phone', count: 1 },
        ]),
      );

      const quarantine = await store.listQuarantine({ limit: 100, source: 'file' });
      const byLocation = Object.fromEntries(quarantine.map((q) => [q.location, q.code]));
      expect(byLocation).toEqual(QUARANTINED);
      for (const record of quarantine) expect(record.reason.length, record.code).toBeGreaterThan(5);
      // Nothing lost: every non-blank line is either a stored comment or a quarantine record.
      expect(GOOD.length + quarantine.length).toBe(LINES.filter((line) => line.trim() !== '').length);
    });

    const latest = await readLatestExport(ws.exportDir);
    await expectManifestMatchesFiles(latest);
    expect(latest.manifest.files.find((f) => f.name === 'comments.jsonl')?.rows).toBe(GOOD.length);
  });

  it('keeps no email address or phone number anywhere in the store file or the exports', async () => {
    // The scan is only meaningful if the drop really carried the data in these forms.
    const drop = await readFile(join(ws.inboxDir, 'drop-1.jsonl'), 'utf8');
    for (const planted of [EMAIL, PHONE, OTHER_PHONE]) expect(drop).toContain(planted);
    const storeFiles = (await filesUnder(ws.dataDir)).filter((path) => path.includes('carevoice.sqlite'));
    expect(storeFiles).toContain(ws.sqlitePath);
    await expectNoPlantedDataIn([...storeFiles, ...(await filesUnder(ws.exportDir))]);
  });

  it('ingests nothing new when the same file is dropped again under another name', async () => {
    await copyFile(join(ws.inboxDir, 'drop-1.jsonl'), join(ws.inboxDir, 'drop-1-again.jsonl'));
    const result = await runCli(['run', '--once', '--json'], { cwd: ws.dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { processed: number }; stored: Record<string, number> };
    expect(report.summary.processed).toBe(0);
    expect(report.stored).toMatchObject({ comments: GOOD.length, quarantined: Object.keys(QUARANTINED).length });
    await withStore(async (store) => {
      expect(await store.countComments({ includeDuplicates: true })).toBe(GOOD.length);
      expect(await store.countQuarantine('file')).toBe(Object.keys(QUARANTINED).length);
    });
  });
});
