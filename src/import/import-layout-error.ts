/** The file is not in a layout the importer knows (wrong header, wrong file type); nothing was read. */
export class ImportLayoutError extends Error {
  readonly code = 'import_layout_unknown';
  constructor(
    message: string,
    /** 1-based line the importer was looking at, when one applies. */
    readonly row = 1,
  ) {
    super(message);
    this.name = 'ImportLayoutError';
  }
}
