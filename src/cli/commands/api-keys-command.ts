import type { Command } from 'commander';
import { generateApiKey } from '../../api/auth/api-key.js';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import type { Store } from '../../storage/store.js';
import { loadCliContext } from '../load-cli-config.js';
import { formatTable } from '../table.js';

/** `carevoice api-keys`: create (the key is printed once), list and revoke keys for the /v1 API. */

async function withStore(name: string, fn: (store: Store) => Promise<void>): Promise<void> {
  const { config, logger } = loadCliContext(name);
  const store = await openConfiguredStore(config, logger);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

export function registerApiKeysCommand(program: Command): void {
  const keys = program
    .command('api-keys')
    .description(
      'API keys for /v1: once any key has been created, every /v1 request needs Authorization: Bearer <key>',
    );
  keys
    .command('create')
    .description('Create a key and print it once (only its SHA-256 is stored)')
    .argument('<name>', 'who or what the key is for')
    .action((name: string) =>
      withStore('api-keys', async (store) => {
        const key = generateApiKey();
        await store.createApiKey({
          id: key.id,
          name,
          keyHash: key.keyHash,
          createdAt: new Date().toISOString(),
          revokedAt: null,
        });
        process.stdout.write(`${key.key}\n`);
        process.stderr.write(`key ${key.id} created for ${name}: keep it now, it cannot be shown again\n`);
      }),
    );
  keys
    .command('list')
    .description('List keys (ids and names; never the keys)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withStore('api-keys', async (store) => {
        const list = (await store.listApiKeys()).map(({ keyHash: _hash, ...k }) => k);
        if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else {
          const rows = list.map((k) => [k.id, k.name, k.createdAt, k.revokedAt ?? 'active']);
          process.stdout.write(`${formatTable(['id', 'name', 'created', 'revoked'], rows)}\n`);
        }
      }),
    );
  keys
    .command('revoke')
    .description('Revoke a key by id; requests with it are refused from now on')
    .argument('<id>', 'the key id shown by create and list')
    .action((id: string) =>
      withStore('api-keys', async (store) => {
        if (!(await store.revokeApiKey(id, new Date().toISOString()))) {
          throw new Error(`no active API key with id ${id}`);
        }
        process.stdout.write(`revoked ${id}\n`);
      }),
    );
}
