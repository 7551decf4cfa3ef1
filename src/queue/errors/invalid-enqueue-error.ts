/** A handler asked to enqueue a job the target stage could never accept. */
export class InvalidEnqueueError extends Error {
  readonly code = 'invalid_enqueue';
  constructor(
    readonly stage: string,
    readonly jobId: string,
    reason: string,
  ) {
    super(`cannot enqueue ${stage} job "${jobId}": ${reason}`);
    this.name = 'InvalidEnqueueError';
  }
}
