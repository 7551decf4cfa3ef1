#!/usr/bin/env node
import { Command } from 'commander';
import { registerAnalyseCommand } from './commands/analyse-command.js';
import { registerApiKeysCommand } from './commands/api-keys-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerForgetCommand } from './commands/forget-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerQueryCommand } from './commands/query-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerServeCommands } from './commands/serve-commands.js';
import { registerSourcesCommand } from './commands/sources-command.js';
import { registerStatusCommand } from './commands/status-command.js';

/** `carevoice`: every operation of the pipeline from a terminal. Logs go to stderr, results to stdout. */
const program = new Command()
  .name('carevoice')
  .description('Public comments about NHS cancer services → redacted, linked, scored, triangulated evidence')
  .showHelpAfterError();

registerRunCommand(program);
registerServeCommands(program);
registerAnalyseCommand(program);
registerStatusCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerSourcesCommand(program);
registerForgetCommand(program);
registerQueryCommand(program);
registerApiKeysCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // Some errors (a ConfigError) already speak as `carevoice:`; saying it twice reads as a glitch.
  process.stderr.write(message.startsWith('carevoice:') ? `${message}\n` : `carevoice: ${message}\n`);
  process.exitCode = 1;
});
