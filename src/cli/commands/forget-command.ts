import { type Command, InvalidArgumentError } from 'commander';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { isSourceId, SOURCE_IDS } from '../../connectors/registry.js';
import { accountFreeExternalId } from '../../domain/privacy/account-free-id.js';
import { hashAuthor } from '../../pipeline/collect/prepare-item.js';
import { loadCliContext } from '../load-cli-config.js';

function knownSource(value: string): string {
  // A typo would record a key no fetch ever matches, and the comment would stay.
  if (!isSourceId(value))
    throw new InvalidArgumentError(`unknown source "${value}"; sources are ${SOURCE_IDS.join(', ')}`);
  return value;
}

/** `carevoice forget <source> <externalId>`: delete a comment and never store it again. */
export function registerForgetCommand(program: Command): void {
  program
    .command('forget')
    .description('Delete one comment and record the request, so a later fetch of the same item never stores it again')
    .argument('<source>', `the comment's source (${SOURCE_IDS.join(', ')})`, knownSource)
    .argument('<externalId>', "the comment's id at its source")
    .option('--json', 'print JSON')
    .action(async (source: string, givenId: string, options: { json?: boolean }) => {
      const { config, logger } = loadCliContext('forget');
      // The id as the source shows it (a Bluesky AT URI) maps to the account-free id that was stored.
      const externalId = accountFreeExternalId(givenId, (account) => hashAuthor(account, config.authorHash.key));
      const store = await openConfiguredStore(config, logger);
      try {
        const forgottenAt = new Date().toISOString();
        const deleted = await store.forgetComment(source, externalId, forgottenAt);
        logger.info({ source, externalId, deleted }, 'comment forgotten');
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ source, externalId, deleted, forgottenAt })}\n`);
          return;
        }
        const what = deleted ? 'the stored comment was deleted' : 'no comment was stored under that id';
        process.stdout.write(
          `forgot ${source} ${externalId}: ${what}; a later fetch will not store it again, and the next export leaves it out\n`,
        );
      } finally {
        await store.close();
      }
    });
}
