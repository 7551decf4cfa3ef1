import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { openConfiguredStore } from '../../../src/app/open-configured-store.js';
import type { Config } from '../../../src/config/load-config.js';
import { openStore } from '../../../src/storage/open-store.js';

vi.mock('../../../src/storage/open-store.js', () => ({ openStore: vi.fn(async () => ({})) }));

describe('openConfiguredStore', () => {
  it.each([true, false])('opens the configured store with named statements %s', async (namedStatements) => {
    const logger = pino({ level: 'silent' });
    const config = {
      database: {
        url: 'postgres://carevoice@db/carevoice',
        namedStatements,
        writeIdleTimeoutMs: 5000,
        clientCheckMs: 2000,
      },
      sqlitePath: '/var/lib/carevoice/carevoice.sqlite',
    } as Config;
    await openConfiguredStore(config, logger);
    expect(vi.mocked(openStore)).toHaveBeenLastCalledWith({
      databaseUrl: 'postgres://carevoice@db/carevoice',
      sqlitePath: '/var/lib/carevoice/carevoice.sqlite',
      postgresNamedStatements: namedStatements,
      postgresWriteIdleTimeoutMs: 5000,
      postgresClientCheckMs: 2000,
      logger,
    });
  });
});
