import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createConnectors } from '../../../src/connectors/registry.js';

const quiet = { warn: () => {} };

describe('createConnectors', () => {
  it('creates the sample connector by default and the file connector when enabled', async () => {
    const byDefault = createConnectors(loadConfig({ cwd: '/srv', env: {}, files: {}, ...quiet }));
    expect([...byDefault.keys()]).toEqual(['sample']);

    const inbox = mkdtempSync(join(tmpdir(), 'carevoice-registry-'));
    try {
      const env = { CAREVOICE_FILE_ENABLED: 'true', CAREVOICE_INBOX_DIR: inbox, CAREVOICE_SAMPLE_COUNT: '3' };
      const connectors = createConnectors(loadConfig({ cwd: '/srv', env, files: {}, ...quiet }));
      expect([...connectors.keys()]).toEqual(['file', 'sample']);
      const ctx = { now: () => new Date('2026-01-01T00:00:00Z'), state: { get: async () => null } };
      const sample = await connectors.get('sample')!.fetchPage(null, ctx);
      expect(sample.items).toHaveLength(3);
      expect(sample.nextCursor).toBeNull();
      const file = await connectors.get('file')!.fetchPage(null, ctx);
      expect(file.items).toEqual([]);
    } finally {
      rmSync(inbox, { recursive: true, force: true });
    }
  });

  it('creates nothing when every source is disabled', () => {
    const config = loadConfig({ env: { CAREVOICE_SAMPLE_ENABLED: 'false' }, files: {}, ...quiet });
    expect(createConnectors(config).size).toBe(0);
  });
});
