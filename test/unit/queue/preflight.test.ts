import { describe, expect, it } from 'vitest';
import { EvictionPolicyError, EvictionPolicyUnknownError } from '../../../src/queue/errors/eviction-policy-error.js';
import {
  assertNoEviction,
  policyFromConfigReply,
  policyFromInfo,
  type RedisCommandRunner,
} from '../../../src/queue/preflight.js';

function fakeRedis(replies: { config?: unknown | Error; info?: string | Error }): RedisCommandRunner {
  return {
    async call(command) {
      const reply = command === 'CONFIG' ? replies.config : replies.info;
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
}

describe('preflight', () => {
  it('reads the policy from CONFIG GET and from INFO', () => {
    expect(policyFromConfigReply(['maxmemory-policy', 'volatile-lru'])).toBe('volatile-lru');
    expect(policyFromConfigReply([])).toBeUndefined();
    expect(policyFromInfo('# Memory\r\nused_memory:1\r\nmaxmemory_policy:allkeys-lfu\r\n')).toBe('allkeys-lfu');
  });

  it('accepts noeviction and refuses anything else with the fix in the message', async () => {
    await expect(assertNoEviction(fakeRedis({ config: ['maxmemory-policy', 'noeviction'] }))).resolves.toBeUndefined();
    await expect(assertNoEviction(fakeRedis({ config: ['maxmemory-policy', 'volatile-ttl'] }), 'r:1')).rejects.toThrow(
      EvictionPolicyError,
    );
  });

  it('falls back to INFO when CONFIG is refused, and says so when neither answers', async () => {
    const refused = new Error("ERR unknown command 'CONFIG'");
    await expect(
      assertNoEviction(fakeRedis({ config: refused, info: 'maxmemory_policy:allkeys-random\n' })),
    ).rejects.toThrow(/"allkeys-random"/);
    const error = await assertNoEviction(fakeRedis({ config: refused, info: new Error('NOPERM') })).catch((e) => e);
    expect(error).toBeInstanceOf(EvictionPolicyUnknownError);
    expect((error as Error).message).toMatch(/CONFIG GET failed: ERR unknown command.*INFO failed: NOPERM/);
  });
});
