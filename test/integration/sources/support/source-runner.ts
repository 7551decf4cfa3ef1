/**
 * The real stage runner over real connectors configured from `settings`, as `carevoice start` wires
 * them, with a keyword analyser and a temporary store: for tests of how sources behave together.
 */
import { pino } from 'pino';
import { runtimeOptions } from '../../../../src/app/pipeline-settings.js';
import { type Config, loadConfig } from '../../../../src/config/load-config.js';
import { createConnectors } from '../../../../src/connectors/registry.js';
import type { StageName } from '../../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../../src/pipeline/stage-handlers.js';
import { createStageRegistry, type StageRunner, startStageRunner } from '../../../../src/queue/index.js';
import type { SettledJob } from '../../../../src/queue/stage-processor.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  maskEmails,
  type TempStore,
} from '../../pipeline/support/pipeline-fixtures.js';
import type { RedisKit } from '../../queue/support/redis-kit.js';

export interface SourceRunnerOptions {
  kit: RedisKit;
  temp: TempStore;
  /** The `sources` section of the configuration file. */
  sources: Record<string, unknown>;
  env: Record<string, string>;
  stages: StageName[];
  onSettled: (job: SettledJob) => void;
}

export async function startSourceRunner(
  options: SourceRunnerOptions,
): Promise<{ runner: StageRunner; config: Config }> {
  const { kit, temp } = options;
  const config = loadConfig({
    files: { 'config/carevoice.json': JSON.stringify({ sources: options.sources }) },
    env: options.env,
    warn: () => {},
  });
  const handlers = createStageHandlers({
    store: temp.store,
    connectors: createConnectors(config),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: fixedClock('2026-03-01T12:00:00.000Z'),
    exportDir: temp.dir,
  });
  const runner = await startStageRunner({
    ...runtimeOptions(config),
    prefix: kit.prefix,
    attempts: 3,
    backoffDelayMs: 50,
    connection: kit.connection,
    registry: createStageRegistry(handlers),
    sources: Object.keys(options.sources).filter((id) => id !== 'sample'),
    stages: options.stages,
    logger: pino({ level: 'silent' }),
    onSettled: options.onSettled,
  });
  return { runner, config };
}

/** A first-page collect job of `source`, numbered `n` within a run tagged `tag`. */
export function collectJob(source: string, n: number, tag: string) {
  return {
    id: `${source}-${tag}-${n}`,
    source,
    payload: { source, cursor: null, pageNumber: 0, runId: `${tag}-${n}` },
  };
}
