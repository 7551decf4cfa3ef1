/** A schema migration failed; the database is left at the last migration that succeeded. */
export class MigrationFailedError extends Error {
  readonly code = 'migration_failed';

  constructor(migrationName: string | undefined, options: { cause: unknown }) {
    const what = migrationName ? `migration ${migrationName}` : 'migrating';
    const detail = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`store ${what} failed: ${detail}`, options);
    this.name = 'MigrationFailedError';
  }
}
