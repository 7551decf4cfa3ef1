import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installApiKeyGuard } from '../../../src/api/auth/api-key-guard.js';
import type { ApiKeyLookup } from '../../../src/api/auth/api-key-lookup.js';

describe('the API key guard', () => {
  it('stays on once a request has seen a key, even if an older answer of "no key" arrives after', async () => {
    let asked = 0;
    // The first request's answer was read before the first key was created and arrives last.
    let answerFirst!: (exists: boolean) => void;
    const keys = {
      anyKeyExists: () => {
        asked++;
        if (asked === 1) return new Promise<boolean>((resolve) => (answerFirst = resolve));
        return Promise.resolve(true);
      },
      find: async () => null,
    } as unknown as ApiKeyLookup;
    const app = Fastify();
    await installApiKeyGuard(app, keys);
    app.get('/v1/ping', async () => ({ ok: true }));
    try {
      const first = app.inject({ url: '/v1/ping' });
      await new Promise((resolve) => setImmediate(resolve));
      expect((await app.inject({ url: '/v1/ping' })).statusCode).toBe(401);
      answerFirst(false);
      // The stale answer does not switch the guard off: its own request and the next are refused, the
      // next without asking again.
      expect((await first).statusCode).toBe(401);
      expect((await app.inject({ url: '/v1/ping' })).statusCode).toBe(401);
      expect(asked).toBe(2);
    } finally {
      await app.close();
    }
  });
});
