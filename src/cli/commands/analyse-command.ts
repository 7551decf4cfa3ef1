import type { Command } from 'commander';
import { redact } from '../../domain/redaction/redact.js';
import { normaliseCommentText } from '../../pipeline/collect/normalise-text.js';
import { loadAnalyser } from '../../reference/load-analyser.js';
import { runAnalyse } from './analyse.js';

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse')
    .description(
      'Redact and analyse JSON Lines ({"id","text","question"?,"source"?,"postedAt"?}) from stdin or --in; ' +
        'one JSON line out per line in. Exit 3 if any line was rejected.',
    )
    .option('--in <file>', 'read this file instead of standard input')
    .option('--model <file>', 'sentiment model file (default: the shipped model)')
    .action(async (options: { in?: string; model?: string }) => {
      const analyse = loadAnalyser(options.model ? { modelPath: options.model } : {});
      const { exitCode } = await runAnalyse(
        options,
        { normalise: normaliseCommentText, redact, analyse },
        { stdin: process.stdin, stdout: process.stdout },
      );
      process.exitCode = exitCode;
    });
}
