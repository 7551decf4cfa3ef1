/** `carevoice query triangulation` in each format, spawned against a synthetic store. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../src/cli/commands/query-command.js';
import { openStore } from '../../../src/storage/open-store.js';
import { refreshTriangulation } from '../../../src/triangulation/refresh-triangulation.js';
import { aggregateRow } from '../../support/aggregate-row.js';
import { syntheticCpes } from '../../unit/triangulation-service/synthetic-cpes.js';

const run = promisify(execFile);
const { DATABASE_URL: _ignored, ...cleanEnv } = process.env;
let dataDir: string;

const query = (...args: string[]) =>
  run('node_modules/.bin/tsx', ['src/cli/main.ts', 'query', ...args], {
    env: { ...cleanEnv, CAREVOICE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'carevoice-query-'));
  const store = await openStore({ sqlitePath: join(dataDir, 'carevoice.sqlite') });
  const rows = syntheticCpes();
  await store.importCpesScores(
    {
      sha256: 'b'.repeat(64),
      kind: 'cpes',
      layout: 'cpes-2018',
      fileName: 'synthetic.csv',
      importedAt: '2030-01-01T00:00:00.000Z',
      rowsRead: rows.length,
      rowsStored: rows.length,
    },
    rows,
  );
  await refreshTriangulation(store, { intervalSteps: 0, trustNames: new Map([['RA1', '=HYPERLINK("x")']]) });
  await store.replaceAggregates([aggregateRow({ tumourGroup: 'all' }), aggregateRow({ tumourGroup: 'sarcoma' })], []);
  await store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('carevoice query triangulation', () => {
  it('prints JSON, CSV with formula cells neutralised, and a table', async () => {
    const filter = ['triangulation', '--ods', 'RA1', '--theme', 'all', '--rare-only'];
    const json = JSON.parse((await query(...filter, '--format', 'json')).stdout) as {
      items: { tumourGroup: string; observed: boolean }[];
      next: null;
    };
    expect(json.items.map((i) => i.tumourGroup)).toEqual(['sarcoma', 'skin']);
    expect(json.next).toBeNull();
    const csv = (await query(...filter, '--format', 'csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('ods,trust,tumour group,theme,estimate,lower,upper,observed,respondents,sources');
    expect(csv[1]).toMatch(/^RA1,"'=HYPERLINK\(""x""\)",sarcoma,all,[\d.]+,[\d.]+,[\d.]+,no,,cpes$/);
    const table = (await query(...filter)).stdout;
    expect(table).toMatch(/^ods\s+trust\s+tumour group/);
    expect(table).toContain('2 rows');
    await expect(query('triangulation', '--theme', 'nope')).rejects.toThrow(/expected a theme id/);
  }, 60_000);

  it('takes all as a tumour group: the roll-up for scores, no filter for triangulation', async () => {
    const scores = JSON.parse((await query('scores', '--tumour-group', 'all', '--format', 'json')).stdout) as {
      items: { tumourGroup: string }[];
    };
    expect(scores.items.map((item) => item.tumourGroup)).toEqual(['all']);
    const all = JSON.parse((await query('triangulation', '--tumour-group', 'all', '--format', 'json')).stdout) as {
      items: unknown[];
    };
    const unfiltered = JSON.parse((await query('triangulation', '--format', 'json')).stdout) as { items: unknown[] };
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items).toEqual(unfiltered.items);
    await expect(query('scores', '--tumour-group', 'nope')).rejects.toThrow(/expected a tumour group id or all/);
  }, 60_000);

  it('neutralises only text cells that a spreadsheet would run', () => {
    expect(neutraliseCell('+44 7700')).toBe("'+44 7700");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('plain')).toBe('plain');
    expect(neutraliseCell(-1.5)).toBe(-1.5);
  });
});
