import { describe, expect, it } from 'vitest';
import { isPostgresUrl } from '../../../src/storage/open-store.js';
import { describeConnection, openPostgres } from '../../../src/storage/postgres/open-postgres.js';

describe('openStore', () => {
  it('picks PostgreSQL only for postgres:// and postgresql:// URLs', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('POSTGRESQL://u@h/db')).toBe(true);
    expect(isPostgresUrl('sqlite:///tmp/x.db')).toBe(false);
    expect(isPostgresUrl('')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  it('masks the password when describing a connection', () => {
    expect(describeConnection('postgres://app:s3cret@db.example:5432/carevoice')).toBe(
      'postgres://app:***@db.example:5432/carevoice',
    );
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(openPostgres({ connectionString: 'postgres://h/x', schema: 'Bad-Name' })).rejects.toThrow(
      /schema name must match/,
    );
  });
});
