import { createAggregateStage } from './aggregate/aggregate-stage.js';
import { createCollectStage } from './collect/collect-stage.js';
import { createExportStage } from './export/export-stage.js';
import { pipelineOptionsSchema } from './pipeline-options.js';
import { createProcessStage } from './process/process-stage.js';
import type { StageHandlers } from './stage.js';
import type { StageDeps } from './stage-deps.js';

/** Builds every stage handler from injected collaborators; options are validated once, here. */
export function createStageHandlers(deps: StageDeps): StageHandlers {
  if (deps.authorHashKey.length < 16) {
    throw new Error(
      'authorHashKey must be at least 16 characters: it is the secret that keeps author hashes unlinkable',
    );
  }
  const options = pipelineOptionsSchema.parse(deps.options ?? {});
  if (options.maxPriorStrength < options.minPriorStrength) {
    throw new Error(
      `maxPriorStrength (${options.maxPriorStrength}) is below minPriorStrength (${options.minPriorStrength})`,
    );
  }
  return {
    collect: createCollectStage({ ...deps, options }),
    process: createProcessStage({
      store: deps.store,
      analyse: deps.analyse,
      redact: deps.redact,
      clock: deps.clock,
      dedupe: { minLength: options.dedupeMinLength, maxHammingDistance: options.maxHammingDistance },
    }),
    aggregate: createAggregateStage({
      store: deps.store,
      clock: deps.clock,
      shrink: { minStrength: options.minPriorStrength, maxStrength: options.maxPriorStrength, intervalMass: 0.95 },
    }),
    export: createExportStage({
      store: deps.store,
      clock: deps.clock,
      exportDir: deps.exportDir,
      minCellCount: options.exportMinCellCount,
      retain: options.exportRetain,
    }),
  };
}
