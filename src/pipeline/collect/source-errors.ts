import { UnrecoverableStageError } from '../stage.js';

/**
 * A connector error that says a retry would get the same answer (`retryable: false`: a refused
 * key, missing credentials, an unknown path) becomes an UnrecoverableStageError, so the queue fails
 * the job at once instead of spending its attempts, and the source shows as failing.
 */
export function unrecoverableSourceError(error: unknown): UnrecoverableStageError | null {
  if (!(error instanceof Error) || (error as { retryable?: unknown }).retryable !== false) return null;
  const code = (error as { code?: unknown }).code;
  return new UnrecoverableStageError(typeof code === 'string' ? code : 'source_refused', error.message);
}
