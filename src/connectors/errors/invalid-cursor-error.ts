/** A cursor handed to `fetchPage` is not one this source wrote; resuming from it could skip or repeat items. */
export class InvalidCursorError extends Error {
  readonly code = 'invalid_cursor';
  constructor(
    readonly source: string,
    readonly cursor: string,
    reason: string,
  ) {
    super(`${source}: cannot resume from cursor ${JSON.stringify(cursor.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}
