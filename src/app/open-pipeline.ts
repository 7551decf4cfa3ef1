import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Connector } from '../connectors/connector.js';
import { createConnectors } from '../connectors/registry.js';
import { redact } from '../domain/redaction/redact.js';
import type { StageHandlers } from '../pipeline/stage.js';
import { createStageHandlers } from '../pipeline/stage-handlers.js';
import { loadAnalyser } from '../reference/load-analyser.js';
import type { Store } from '../storage/store.js';
import { alertOptions } from './alert-settings.js';
import { withDataMinimisation } from './minimisation-handlers.js';
import { openConfiguredStore } from './open-configured-store.js';
import { pipelineOptions } from './pipeline-settings.js';

export interface Pipeline {
  store: Store;
  connectors: Map<string, Connector>;
  handlers: StageHandlers;
  close(): Promise<void>;
}

/** Composes the store, connectors, analyser and stage handlers from the configuration. */
export async function openPipeline(config: Config, logger: Logger): Promise<Pipeline> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openConfiguredStore(config, logger);
  if (config.authorHash.source === 'development-default') {
    logger.warn('CAREVOICE_AUTHOR_HASH_KEY is not set: author handles are hashed with a development key');
  }
  const connectors = createConnectors(config);
  const clock = () => new Date();
  const stageHandlers = createStageHandlers({
    store,
    connectors,
    analyse: loadAnalyser(),
    redact,
    authorHashKey: config.authorHash.key,
    clock,
    exportDir: config.exportDir,
    options: pipelineOptions(config),
    alerts: alertOptions(config),
  });
  const handlers = withDataMinimisation(stageHandlers, {
    store,
    clock,
    commentTextDays: config.retention.commentTextDays,
  });
  return { store, connectors, handlers, close: () => store.close() };
}
