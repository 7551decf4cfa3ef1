import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type RunOnceReport, runOncePass } from '../../../workers/run-once.js';
import type { RunProgress } from '../../queue/index.js';
import { loadCliContext } from '../load-cli-config.js';
import { formatTable } from '../table.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('One full pass: collect every enabled source → process → aggregate → export, then a summary')
    .requiredOption('--once', 'run a single pass and exit (the only mode; `start` runs on a schedule)')
    .option('--json', 'print the summary as JSON instead of a table')
    .action(async (options: { once: boolean; json?: boolean }) => {
      const interactive = process.stderr.isTTY === true && !options.json;
      // With a progress bar on screen, only warnings and errors are logged.
      const { config, logger } = loadCliContext('run', interactive ? { logLevel: 'warn' } : {});
      const bar = interactive
        ? new SingleBar({
            format: 'processing {bar} {value} comments | {pages} pages | {failed} failed jobs',
            stream: process.stderr,
            hideCursor: true,
          })
        : undefined;
      bar?.start(0, 0, { pages: 0, failed: 0 });
      const onProgress = (p: RunProgress) => {
        bar?.setTotal(Math.max(p.items, p.processed));
        bar?.update(p.processed, { pages: p.pages, failed: p.failedJobs });
      };
      let report: RunOnceReport;
      try {
        report = await runOncePass(config, logger, onProgress);
      } finally {
        bar?.stop();
      }
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${renderSummary(report)}\n`);
      const ok = report.summary.failedJobs.length === 0 && report.summary.export === 'completed';
      process.exitCode = ok ? 0 : 1;
    });
}

export function renderSummary(report: RunOnceReport): string {
  const { summary } = report;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const sources = formatTable(
    ['source', 'pages', 'comments collected'],
    Object.entries(summary.sources).map(([source, tally]) => [source, tally.pages, tally.items]),
  );
  const totals = formatTable(
    ['measure', 'value'],
    [
      ['comments processed this run', summary.processed.toLocaleString('en-GB')],
      ['comments in the store', report.stored.comments.toLocaleString('en-GB')],
      ['records quarantined (all time)', report.stored.quarantined.toLocaleString('en-GB')],
      ['failed jobs', String(summary.failedJobs.length)],
      ['collect + process', seconds(summary.durations.collectAndProcessMs)],
      ['aggregate', `${summary.aggregate} in ${seconds(summary.durations.aggregateMs)}`],
      ['export', `${summary.export} in ${seconds(summary.durations.exportMs)}`],
      ['total', seconds(summary.durations.totalMs)],
      [
        'throughput',
        `${Math.round(summary.processed / Math.max(summary.durations.collectAndProcessMs / 1000, 0.001)).toLocaleString('en-GB')} comments/s`,
      ],
      ['store', report.store],
      ['export folder', report.exportPath ?? '(none)'],
    ],
  );
  const failures = summary.failedJobs.map((f) => `  ${f.queue} ${f.jobId} after ${f.attempts} attempt(s): ${f.reason}`);
  return [
    `CareVoice run ${summary.runId}`,
    '',
    sources,
    '',
    totals,
    ...(failures.length ? ['', 'Failed jobs:', ...failures] : []),
  ].join('\n');
}
