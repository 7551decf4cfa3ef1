import { describe, expect, it } from 'vitest';
import type { StageHandlers } from '../../../src/pipeline/stage.js';
import { StageRegistryError } from '../../../src/queue/errors/stage-registry-error.js';
import { createStageRegistry } from '../../../src/queue/registry.js';

const noop = async () => undefined;
const full: StageHandlers = { collect: noop, process: noop, aggregate: noop, export: noop, alert: noop };

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StageRegistryError);
    return (error as StageRegistryError).problems;
  }
  throw new Error('expected the registry to refuse');
}

describe('stage registry', () => {
  it('accepts one handler per stage, split over several maps', () => {
    const aggregate = async () => 'aggregated';
    const registry = createStageRegistry({ collect: noop, process: noop }, { aggregate, export: noop, alert: noop });
    expect(registry.stages).toEqual(['collect', 'process', 'aggregate', 'export', 'alert']);
    expect(registry.handlerFor('aggregate')).toBe(aggregate);
  });

  it('refuses a stage without a handler', () => {
    const { export: _omitted, ...partial } = full;
    expect(problemsOf(() => createStageRegistry(partial))).toEqual(['"export" has no handler']);
  });

  it('refuses a stage registered twice', () => {
    expect(problemsOf(() => createStageRegistry(full, { process: noop }))).toEqual([
      '"process" has more than one handler (again in map 2)',
    ]);
  });

  it('refuses a handler for an unknown stage and a handler that is not a function, reporting all at once', () => {
    const odd = { ...full, triangulate: noop, export: 'not a function' } as unknown as StageHandlers;
    const problems = problemsOf(() => createStageRegistry(odd));
    expect([...problems].sort()).toEqual([
      '"triangulate" is not a stage (stages: collect, process, aggregate, export, alert)',
      'the handler for "export" in map 1 is a string, not a function',
    ]);
  });
});
