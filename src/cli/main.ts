#!/usr/bin/env node
import { Command } from 'commander';
import { registerAnalyseCommand } from './commands/analyse-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerServeCommands } from './commands/serve-commands.js';
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

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`carevoice: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
