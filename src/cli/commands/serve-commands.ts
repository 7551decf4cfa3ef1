import { type Command, InvalidArgumentError } from 'commander';
import { serve, syncSchedulesOnce } from '../../../workers/serve.js';
import { STAGE_NAMES, type StageName } from '../../pipeline/stage.js';
import { loadCliContext } from '../load-cli-config.js';

function parseStages(values: string[]): StageName[] {
  for (const value of values) {
    if (!(STAGE_NAMES as string[]).includes(value)) {
      throw new InvalidArgumentError(`unknown stage "${value}"; stages are ${STAGE_NAMES.join(', ')}`);
    }
  }
  return [...new Set(values)] as StageName[];
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new InvalidArgumentError('expected a port from 1 to 65535');
  return n;
}

/** `start`, `worker`, `scheduler` and `api`: the long-running shapes of a CareVoice process. */
export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description('Scheduler + every stage worker + API in one process (a single machine)')
    .action(async () => {
      const { config, logger } = loadCliContext('start');
      await serve(config, logger, { stages: STAGE_NAMES, schedulers: true, api: true, mayStartLocal: true });
    });

  program
    .command('worker')
    .description(`Workers for the named stages (${STAGE_NAMES.join(', ')}), for scaling out against a shared Redis`)
    .argument('<stages...>', 'stages to run')
    .action(async (stages: string[]) => {
      // Checked before the configuration is read, so a mistyped stage is the only thing reported.
      const chosen = parseStages(stages);
      const { config, logger } = loadCliContext('worker');
      await serve(config, logger, { stages: chosen, schedulers: false, api: false, mayStartLocal: false });
    });

  program
    .command('scheduler')
    .description('Create or update every job scheduler (stable ids, Europe/London), then exit')
    .action(async () => {
      const { config, logger } = loadCliContext('scheduler');
      await syncSchedulesOnce(config, logger);
    });

  program
    .command('api')
    .description('The HTTP API only')
    .option('--host <host>', 'listen address (default: api.host in the configuration)')
    .option('--port <port>', 'listen port (default: api.port in the configuration)', port)
    .action(async (options: { host?: string; port?: number }) => {
      const { config, logger } = loadCliContext('api');
      await serve(config, logger, {
        stages: [],
        schedulers: false,
        api: true,
        mayStartLocal: false,
        ...(options.host ? { host: options.host } : {}),
        ...(options.port ? { port: options.port } : {}),
      });
    });
}
