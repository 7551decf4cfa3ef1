/** A `after` cursor passed to listComments that this store did not hand out (or that was altered). */
export class InvalidPageCursorError extends Error {
  readonly code = 'invalid_page_cursor';

  constructor(cursor: string, detail: string) {
    super(`invalid page cursor ${JSON.stringify(cursor.slice(0, 80))}: ${detail}`);
    this.name = 'InvalidPageCursorError';
  }
}
