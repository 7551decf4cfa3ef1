#!/usr/bin/env node
import { Command, Option } from 'commander';
import { registerAnalyseCommand } from './commands/analyse-command.js';

/** `carevoice`: every operation of the pipeline from a terminal. Logs go to stderr, results to stdout. */
const program = new Command()
  .name('carevoice')
  .description('Public comments about NHS cancer services → redacted, linked, scored, triangulated evidence')
  .addOption(new Option('--log-level <level>', 'log level').env('LOG_LEVEL'))
  .showHelpAfterError();

registerAnalyseCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`carevoice: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
