import { EvictionPolicyError, EvictionPolicyUnknownError } from './errors/eviction-policy-error.js';

/**
 * Start-up check: Redis must run with `maxmemory-policy noeviction`, otherwise it may drop queue
 * keys under memory pressure and jobs disappear silently.
 */

/** The one command a policy probe needs; an ioredis client satisfies it. */
export interface RedisCommandRunner {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** The value of `name` in a `CONFIG GET` reply (a flat [name, value, ...] array). */
export function configValueFromReply(reply: unknown, name: string): string | undefined {
  if (!Array.isArray(reply)) return undefined;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    if (String(reply[i]).toLowerCase() === name) return String(reply[i + 1]);
  }
  return undefined;
}

/** Reads the policy from a `CONFIG GET maxmemory-policy` reply. */
export function policyFromConfigReply(reply: unknown): string | undefined {
  return configValueFromReply(reply, 'maxmemory-policy');
}

/** The value of `field` in `INFO` text (`field:value` lines), or undefined. */
export function infoValue(info: string, field: string): string | undefined {
  for (const line of info.split(/\r?\n/)) {
    if (line.startsWith(`${field}:`)) return line.slice(field.length + 1).trim();
  }
  return undefined;
}

/** Reads the policy from `INFO memory` text (`maxmemory_policy:noeviction`). */
export function policyFromInfo(info: string): string | undefined {
  return infoValue(info, 'maxmemory_policy');
}

/**
 * The server's eviction policy. CONFIG is often disabled or renamed on managed Redis, so INFO is
 * the fallback.
 */
export async function readEvictionPolicy(redis: RedisCommandRunner, serverLabel = 'redis'): Promise<string> {
  let configProblem = 'CONFIG GET gave no maxmemory-policy';
  try {
    const policy = policyFromConfigReply(await redis.call('CONFIG', 'GET', 'maxmemory-policy'));
    if (policy) return policy;
  } catch (error) {
    configProblem = `CONFIG GET failed: ${(error as Error).message}`;
  }
  try {
    const info = await redis.call('INFO', 'memory');
    const policy = typeof info === 'string' ? policyFromInfo(info) : undefined;
    if (policy) return policy;
    throw new EvictionPolicyUnknownError(serverLabel, `${configProblem}; INFO memory has no maxmemory_policy line`);
  } catch (error) {
    if (error instanceof EvictionPolicyUnknownError) throw error;
    throw new EvictionPolicyUnknownError(serverLabel, `${configProblem}; INFO failed: ${(error as Error).message}`);
  }
}

/** Throws `EvictionPolicyError` unless the policy is `noeviction`. */
export async function assertNoEviction(redis: RedisCommandRunner, serverLabel = 'redis'): Promise<void> {
  const policy = await readEvictionPolicy(redis, serverLabel);
  if (policy !== 'noeviction') throw new EvictionPolicyError(policy, serverLabel);
}
