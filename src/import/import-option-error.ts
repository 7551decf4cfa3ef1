/** An import was asked for without something it needs (a setting, a period) or with a malformed one. */
export class ImportOptionError extends Error {
  readonly code = 'import_option_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ImportOptionError';
  }
}
