import { createHash } from 'node:crypto';

/**
 * Deterministic job ids. The same page or item always yields the same id, so a refetch after a
 * crash enqueues nothing twice. BullMQ forbids `:` in custom ids, so ids are built from a safe alphabet.
 */

/** A source id made safe for a job id (anything outside [A-Za-z0-9_.-] becomes `_`). */
export function jobIdPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function processBatchJobId(source: string, pageHash: string, batchIndex: number): string {
  return `process-${jobIdPart(source)}-${pageHash.slice(0, 16)}-${batchIndex}`;
}

/** A comment retried alone: keyed by its batch and id, so a later copy (an edit) is not mistaken for it. */
export function processItemJobId(source: string, externalId: string, batchId: string): string {
  const digest = createHash('sha256').update(`${batchId}\u0000${externalId}`, 'utf8').digest('hex').slice(0, 16);
  return `process-item-${jobIdPart(source)}-${digest}`;
}

export function nextCollectJobId(source: string, runId: string, pageNumber: number): string {
  return `collect-${jobIdPart(source)}-${jobIdPart(runId)}-${pageNumber}`;
}
