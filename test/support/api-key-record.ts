/** One stored API key record, active; tests override what they are about. */
import type { ApiKeyRecord } from '../../src/storage/api-key-types.js';

export function apiKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: 'k1',
    name: 'dashboard',
    keyHash: 'h'.repeat(64),
    createdAt: '2026-11-28T00:00:00.000Z',
    revokedAt: null,
    ...overrides,
  };
}
