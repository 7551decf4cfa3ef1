import { cpesThemeScores } from '../alerts/divergence/cpes-theme-scores.js';
import { createAggregateStage } from './aggregate/aggregate-stage.js';
import { alertOptionsSchema } from './alert/alert-options.js';
import { createAlertStage, webhookTarget } from './alert/alert-stage.js';
import { createSafetyAlertRecorder } from './alert/record-safety-alerts.js';
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
  const alerts = alertOptionsSchema.parse(deps.alerts ?? {});
  const surveyScores =
    deps.surveyScores ?? (async () => cpesThemeScores(await deps.store.listCpesScores({ tumourGroup: 'all' })));
  return {
    collect: createCollectStage({ ...deps, options }),
    process: createProcessStage({
      store: deps.store,
      analyse: deps.analyse,
      redact: deps.redact,
      clock: deps.clock,
      dedupe: { minLength: options.dedupeMinLength, maxHammingDistance: options.maxHammingDistance },
      afterStore: createSafetyAlertRecorder({
        store: deps.store,
        clock: deps.clock,
        deliver: webhookTarget(alerts) !== undefined,
      }),
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
    alert: createAlertStage({ store: deps.store, clock: deps.clock, options: alerts, surveyScores }),
  };
}
