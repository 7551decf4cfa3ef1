import { STAGE_NAMES, type StageHandler, type StageHandlers, type StageName } from '../pipeline/stage.js';
import { StageRegistryError } from './errors/stage-registry-error.js';

/**
 * The typed stage registry, checked once at start-up: every stage in STAGE_NAMES has exactly one
 * handler, and nothing else is registered. Handlers may come from several modules (one map each),
 * which is how a stage ends up registered twice by mistake.
 */
export interface StageRegistry {
  readonly stages: readonly StageName[];
  handlerFor<S extends StageName>(stage: S): StageHandler<S>;
}

/**
 * Builds the registry from one full `StageHandlers` map or several partial ones. Every problem is
 * reported at once in a `StageRegistryError`.
 */
export function createStageRegistry(...maps: Partial<StageHandlers>[]): StageRegistry {
  const known = new Set<string>(STAGE_NAMES);
  const found = new Map<string, unknown>();
  const problems: string[] = [];
  maps.forEach((map, mapIndex) => {
    for (const [stage, handler] of Object.entries(map) as [string, unknown][]) {
      if (handler === undefined) continue;
      if (!known.has(stage)) {
        problems.push(`"${stage}" is not a stage (stages: ${STAGE_NAMES.join(', ')})`);
        continue;
      }
      if (typeof handler !== 'function') {
        problems.push(`the handler for "${stage}" in map ${mapIndex + 1} is a ${typeof handler}, not a function`);
        continue;
      }
      if (found.has(stage)) problems.push(`"${stage}" has more than one handler (again in map ${mapIndex + 1})`);
      else found.set(stage, handler);
    }
  });
  for (const stage of STAGE_NAMES) {
    if (!found.has(stage) && !problems.some((p) => p.startsWith(`the handler for "${stage}"`))) {
      problems.push(`"${stage}" has no handler`);
    }
  }
  if (problems.length > 0) throw new StageRegistryError(problems);
  const handlers = Object.fromEntries(found) as StageHandlers;
  return {
    stages: [...STAGE_NAMES],
    handlerFor: (stage) => handlers[stage],
  };
}
