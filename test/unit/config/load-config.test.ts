import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeOptions } from '../../../src/app/pipeline-settings.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { configSchema } from '../../../src/config/config-schema.js';
import { developmentAuthorHashKey, getConfig, loadConfig, resetConfigCache } from '../../../src/config/load-config.js';
import { shippedFile } from '../../../src/config/paths.js';

const BASE = readFileSync(shippedFile('config/carevoice.json'), 'utf8');
const KEY = 'k'.repeat(40);

function load(files: Record<string, unknown>, env: Record<string, string> = {}) {
  const texts = Object.fromEntries(
    Object.entries(files).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
  const warnings: string[] = [];
  const config = loadConfig({ cwd: '/srv/carevoice', env, files: texts, warn: (m) => warnings.push(m) });
  return { config, warnings };
}

function problems(files: Record<string, unknown>, env: Record<string, string> = {}): ConfigError {
  try {
    load(files, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('ships a defaults file that says exactly what the schema defaults are', () => {
    expect(configSchema.parse(JSON.parse(BASE))).toEqual(configSchema.parse({}));
  });

  it('ships a defaults file that states every default, not only agrees with them', () => {
    const leafPaths = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, `${prefix}${key}.`))
        : value === undefined
          ? []
          : [prefix.slice(0, -1)];
    const stated = new Set(leafPaths(JSON.parse(BASE)));
    expect(leafPaths(configSchema.parse({})).filter((path) => !stated.has(path))).toEqual([]);
  });

  it('resolves paths against cwd and derives the SQLite file from dataDir', () => {
    const { config } = load({ 'config/carevoice.json': BASE });
    expect(config.dataDir).toBe('/srv/carevoice/data');
    expect(config.sqlitePath).toBe('/srv/carevoice/data/carevoice.sqlite');
    expect(config.exportDir).toBe('/srv/carevoice/exports');
    expect(config.sources.file.dir).toBe('/srv/carevoice/inbox');
    expect(config.queue.processBatchSize).toBe(200);
    expect(config.schedules.export).toEqual({ cron: '0 2 * * *', tz: 'Europe/London' });
    expect(config.sources.sample).toMatchObject({ enabled: true, count: 2000 });
    expect(config.api).toEqual({
      host: '127.0.0.1',
      port: 8080,
      requireKey: false,
      rateLimitPerMinute: 120,
      cacheMegabytes: 64,
      dataVersionCheckMs: 1000,
      storeTimeoutMs: 10000,
    });
    expect(config.files).toEqual(['config/carevoice.json']);
  });

  it('deep-merges config/local.json over the defaults', () => {
    const { config } = load({
      'config/carevoice.json': BASE,
      'config/local.json': { queue: { retention: { failedCount: 7 } }, sources: { file: { enabled: true } } },
    });
    expect(config.queue.retention).toEqual({
      completedCount: 1000,
      completedAgeSeconds: 86400,
      failedCount: 7,
      failedAgeSeconds: 604800,
    });
    expect(config.sources.file.enabled).toBe(true);
    expect(config.sources.file.pageSize).toBe(500);
    expect(config.files).toEqual(['config/carevoice.json', 'config/local.json']);
  });

  it('reads the file named by CAREVOICE_CONFIG instead of config/local.json', () => {
    const { config } = load(
      {
        'config/carevoice.json': BASE,
        'config/local.json': { api: { port: 1111 } },
        '/etc/carevoice.json': { api: { port: 2222 } },
      },
      { CAREVOICE_CONFIG: '/etc/carevoice.json' },
    );
    expect(config.api.port).toBe(2222);
  });

  it('fails when CAREVOICE_CONFIG names a file that does not exist', () => {
    const error = problems({ 'config/carevoice.json': BASE }, { CAREVOICE_CONFIG: 'missing.json' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'missing.json' })]);
  });

  it('lets environment variables override file values, coercing numbers and booleans', () => {
    const { config } = load(
      { 'config/carevoice.json': BASE, 'config/local.json': { sources: { sample: { count: 50 } } } },
      {
        CAREVOICE_SAMPLE_COUNT: '300',
        CAREVOICE_FILE_ENABLED: 'yes',
        CAREVOICE_API_PORT: '9090',
        LOG_LEVEL: 'debug',
        CAREVOICE_LOG_LEVEL: 'warn',
        REDIS_URL: 'redis://:pw@redis.internal:6379/0',
        DATABASE_URL: 'postgres://carevoice@db/carevoice',
        CAREVOICE_DATABASE_NAMED_STATEMENTS: 'off',
        CAREVOICE_DATABASE_WRITE_IDLE_TIMEOUT_MS: '5000',
        CAREVOICE_DATABASE_CLIENT_CHECK_MS: '2000',
        CAREVOICE_REDIS_WAIT_FOR_REPLICAS: '1',
        CAREVOICE_REDIS_REPLICA_WAIT_MS: '2000',
        CAREVOICE_DATA_DIR: '/var/lib/carevoice',
        CAREVOICE_REDIS_PREFIX: '',
      },
    );
    expect(config.sources.sample.count).toBe(300);
    expect(config.sources.file.enabled).toBe(true);
    expect(config.api.port).toBe(9090);
    expect(config.log.level).toBe('warn');
    expect(config.redis.url).toBe('redis://:pw@redis.internal:6379/0');
    expect(config.redis.prefix).toBe('{carevoice}');
    expect(config.database.url).toBe('postgres://carevoice@db/carevoice');
    expect(config.database.namedStatements).toBe(false);
    expect(config.database.writeIdleTimeoutMs).toBe(5000);
    expect(config.database.clientCheckMs).toBe(2000);
    expect(config.redis).toMatchObject({ waitForReplicas: 1, replicaWaitMs: 2000 });
    expect(config.sqlitePath).toBe('/var/lib/carevoice/carevoice.sqlite');
  });

  it('reads how a process holds through a store outage, and refuses a recheck that would shrink', () => {
    const storeOutage = { probeTimeoutMs: 2000, firstRecheckMs: 500, maxRecheckMs: 8000, maxHandBacks: 10 };
    const { config } = load({ 'config/carevoice.json': BASE, 'config/local.json': { queue: { storeOutage } } });
    expect(runtimeOptions(config).storeOutage).toEqual(storeOutage);
    const error = problems({
      'config/carevoice.json': BASE,
      'config/local.json': { queue: { storeOutage: { firstRecheckMs: 2000, maxRecheckMs: 1000 } } },
    });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'queue.storeOutage.maxRecheckMs' })]);
  });

  it('reports every problem at once, naming key, expectation, value and origin', () => {
    const error = problems(
      {
        'config/carevoice.json': BASE,
        'config/local.json': {
          queue: { processBatchSize: 20, procesBatchSize: 200 },
          schedules: { export: { cron: 'at two', tz: 'Europe/Londres' } },
          log: { level: 'loud' },
          colour: 'blue',
        },
      },
      { CAREVOICE_SAMPLE_COUNT: 'ten' },
    );
    const lines = error.issues.map((issue) => `${issue.path}: ${issue.problem} @ ${issue.origin}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'queue.processBatchSize: expected an integer from 50 to 500, found 20 @ config/local.json',
        'queue.procesBatchSize: unknown key; did you mean "processBatchSize"? @ config/local.json',
        'schedules.export.cron: expected a cron expression with 5 or 6 fields, e.g. "0 2 * * *", found "at two" @ config/local.json',
        'schedules.export.tz: expected an IANA time zone such as "Europe/London", found "Europe/Londres" @ config/local.json',
        `log.level: expected one of fatal, error, warn, info, debug, trace, silent, found "loud" @ config/local.json`,
        'sources.sample.count: expected a positive integer, found "ten" @ CAREVOICE_SAMPLE_COUNT',
      ]),
    );
    expect(lines.some((line) => line.startsWith('colour: unknown key'))).toBe(true);
    expect(error.issues).toHaveLength(7);
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('the configuration has 7 problems');
    expect(error.message).toContain(
      '  - sources.sample.count: expected a positive integer, found "ten" (from CAREVOICE_SAMPLE_COUNT)',
    );
  });

  it.each([500, 86_400_001, 1500.5, -1])('rejects a write idle timeout of %s ms', (ms) => {
    const error = problems({
      'config/carevoice.json': BASE,
      'config/local.json': { database: { writeIdleTimeoutMs: ms } },
    });
    expect(error.issues.map((i) => `${i.path}: ${i.problem}`)).toEqual([
      `database.writeIdleTimeoutMs: expected 0, or an integer from 1000 to 86400000, found ${ms}`,
    ]);
  });

  it.each([500, 32_767_001, 1500.5, -1])('rejects a client check interval of %s ms', (ms) => {
    const error = problems({
      'config/carevoice.json': BASE,
      'config/local.json': { database: { clientCheckMs: ms } },
    });
    expect(error.issues.map((i) => `${i.path}: ${i.problem}`)).toEqual([
      `database.clientCheckMs: expected 0, or an integer from 1000 to 32767000, found ${ms}`,
    ]);
  });

  it.each([0, 1000, 86_400_000])('takes a write idle timeout of %s ms', (ms) => {
    const { config } = load({
      'config/carevoice.json': BASE,
      'config/local.json': { database: { writeIdleTimeoutMs: ms } },
    });
    expect(config.database.writeIdleTimeoutMs).toBe(ms);
  });

  it('rejects a section given as the wrong kind of value', () => {
    const error = problems({ 'config/local.json': { queue: 5, api: { port: 70000, host: '' } } });
    expect(error.issues.map((i) => `${i.path}: ${i.problem}`)).toEqual([
      'queue: expected an object of settings, found 5',
      'api.host: expected a host name or IP address, found ""',
      'api.port: expected an integer from 1 to 65535, found 70000',
    ]);
  });

  it('treats a secret in a config file as an error, without echoing it', () => {
    const error = problems({
      'config/carevoice.json': BASE,
      'config/local.json': { redis: { url: 'redis://:hunter2@redis:6379' }, authorHashKey: 'abc', api: { port: 'x' } },
    });
    expect(error.issues.map((i) => [i.path, i.origin])).toEqual([
      ['redis.url', 'config/local.json'],
      ['authorHashKey', 'config/local.json'],
      ['api.port', 'config/local.json'],
    ]);
    expect(error.issues[0]!.problem).toContain('set REDIS_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('takes a REDIS_URL that names sentinels', () => {
    const url = 'redis+sentinel://:pw@s1:26379,s2:26379/carevoice';
    expect(load({ 'config/carevoice.json': BASE }, { REDIS_URL: url }).config.redis.url).toBe(url);
    expect(problems({}, { REDIS_URL: 'sentinel://s1/carevoice' }).issues[0]!.problem).toContain(
      'a redis://, rediss:// or redis+sentinel:// URL',
    );
  });

  it('never echoes a malformed secret from the environment', () => {
    const error = problems({}, { REDIS_URL: 'http://:hunter2@redis', CAREVOICE_AUTHOR_HASH_KEY: 'short-secret' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('short-secret');
    expect(error.issues.map((i) => i.path)).toEqual(['redis.url', 'authorHashKey']);
  });

  it('reports a file that is not valid JSON along with the other problems', () => {
    const error = problems(
      { 'config/carevoice.json': '{ "api": ', 'config/local.json': '[1]' },
      { CAREVOICE_API_PORT: '0' },
    );
    expect(error.issues.map((i) => i.path)).toEqual(['config/carevoice.json', 'config/local.json', 'api.port']);
    expect(error.issues[0]!.problem).toMatch(/^expected valid JSON/);
  });

  it('requires the author hash key in production', () => {
    const error = problems({ 'config/carevoice.json': BASE }, { NODE_ENV: 'production' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'authorHashKey' })]);
    const { config, warnings } = load({}, { NODE_ENV: 'production', CAREVOICE_AUTHOR_HASH_KEY: KEY });
    expect(config.authorHash).toEqual({ key: KEY, source: 'environment' });
    expect(config.production).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('outside production, derives a development key from the data folder and says so', () => {
    const { config, warnings } = load({}, { CAREVOICE_DATA_DIR: 'var' });
    expect(config.authorHash).toEqual({
      key: developmentAuthorHashKey(join('/srv/carevoice', 'var')),
      source: 'development-default',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('CAREVOICE_AUTHOR_HASH_KEY is not set');
    expect(load({}, { CAREVOICE_DATA_DIR: 'other' }).config.authorHash.key).not.toBe(config.authorHash.key);
  });
});

describe('getConfig', () => {
  it('loads once and caches until reset', () => {
    const before = process.env['CAREVOICE_AUTHOR_HASH_KEY'];
    process.env['CAREVOICE_AUTHOR_HASH_KEY'] = KEY;
    try {
      resetConfigCache();
      const first = getConfig();
      expect(getConfig()).toBe(first);
      resetConfigCache();
      expect(getConfig()).not.toBe(first);
      expect(getConfig().authorHash.source).toBe('environment');
    } finally {
      if (before === undefined) delete process.env['CAREVOICE_AUTHOR_HASH_KEY'];
      else process.env['CAREVOICE_AUTHOR_HASH_KEY'] = before;
      resetConfigCache();
    }
  });
});
