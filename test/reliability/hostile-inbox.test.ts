import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli/support/cli-process.js';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { filesUnder } from '../integration/cli/support/export-files.js';
import { type HostileDrop, hostileDrop, PLANTED, plantedNeedles } from './support/inbox-records.js';
import { timedCase } from './support/outcomes.js';
import {
  dropFile,
  fileSourceEnv,
  idDiscrepancies,
  storedIds,
  withStore,
  writeConfig,
} from './support/pipeline-harness.js';

/**
 * A file-source inbox full of malformed records (wrong types, missing fields, invalid UTF-8, a 10 MB
 * line, markup, control characters) mixed with good ones carrying planted personal data, run end to
 * end with `carevoice run --once`; then every export byte is scanned for the planted data.
 */

const MALFORMED = 9_999; // plus the one 10 MB line: 10,000
const GOOD = 1_000;
const FILE = 'hostile.jsonl';

let ws: CliWorkspace;
let drop: HostileDrop;

beforeAll(async () => {
  ws = await createCliWorkspace();
  drop = hostileDrop(FILE, MALFORMED, GOOD);
  await dropFile(ws, FILE, drop.bytes);
});
afterAll(async () => {
  await ws.cleanup();
});

describe('a hostile inbox', () => {
  it('quarantines every malformed record with its reason, stores every good one, and does not crash', async () => {
    await timedCase(
      'hostile inbox',
      `${drop.expected.size.toLocaleString('en-GB')} malformed records (14 kinds + one 10 MB line) mixed with ${drop.goodIds.length.toLocaleString('en-GB')} good ones (some with markup, control characters, PII) in one JSONL drop; \`carevoice run --once\``,
      async () => {
        const configPath = await writeConfig(ws, { queue: { processBatchSize: 500 } });
        const result = await runCli(['run', '--once', '--json'], {
          cwd: ws.dir,
          env: fileSourceEnv(ws, configPath, { LOG_LEVEL: 'warn' }),
          timeoutMs: 120_000,
        });
        expect(result.code, result.stderr.slice(-2000)).toBe(0);
        await withStore(ws.sqlitePath, async (store) => {
          const stored = await storedIds(store, 'file');
          expect(idDiscrepancies(stored, drop.goodIds)).toEqual({ missing: [], unexpected: [], repeated: [] });
          const quarantine = await store.listQuarantine({ limit: drop.expected.size + 100, source: 'file' });
          const byLocation = new Map(quarantine.map((q) => [q.location ?? '', q.code]));
          const wrong = [...drop.expected].filter(([location, code]) => byLocation.get(location) !== code);
          expect(wrong.slice(0, 5).map(([l, c]) => `${l}: want ${c}, got ${byLocation.get(l)}`)).toEqual([]);
          expect(quarantine).toHaveLength(drop.expected.size);
          for (const record of quarantine) expect(record.reason.length, record.code).toBeGreaterThan(5);
          const markup = await store.getComment('file', 'good-tricky-2');
          expect(markup?.text).toContain('Radiotherapy');
        });
        const codes = new Set(drop.expected.values());
        return `exit 0 in ${(result.elapsedMs / 1000).toFixed(1)} s; ${drop.expected.size.toLocaleString('en-GB')}/${drop.expected.size.toLocaleString('en-GB')} quarantined with the expected code (${codes.size} codes); ${drop.goodIds.length}/${drop.goodIds.length} good stored`;
      },
    );
  });

  it('no export carries the planted emails, phone numbers, NHS numbers or handles', async () => {
    await timedCase(
      'planted personal data in exports',
      `${plantedNeedles().length} planted values (${PLANTED.emails.length} emails, ${PLANTED.phones.length} phones, ${PLANTED.nhsNumbers.length} NHS numbers, ${PLANTED.handles.length} author handles) in good and malformed records; scan every export file's bytes`,
      async () => {
        const raw = drop.bytes.toString('latin1');
        for (const needle of [...PLANTED.emails, ...PLANTED.phones, ...PLANTED.nhsNumbers, ...PLANTED.handles]) {
          expect(raw, `the drop must carry ${needle}`).toContain(needle);
        }
        const files = await filesUnder(ws.exportDir);
        expect(files.length).toBeGreaterThan(0);
        let bytes = 0;
        const found: string[] = [];
        for (const path of files) {
          const content = await readFile(path);
          bytes += content.length;
          for (const needle of plantedNeedles())
            if (content.includes(Buffer.from(needle))) found.push(`${needle} in ${path}`);
        }
        expect(found).toEqual([]);
        return `${files.length} export files (${(bytes / 1024).toFixed(0)} KiB) scanned: none of the planted values found`;
      },
    );
  });
});
