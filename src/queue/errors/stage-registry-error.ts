/** The stage handlers do not cover the pipeline exactly once; the runtime refuses to start. */
export class StageRegistryError extends Error {
  readonly code = 'stage_registry_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`The stage registry is not valid, so no worker was started:\n- ${problems.join('\n- ')}`);
    this.name = 'StageRegistryError';
  }
}
