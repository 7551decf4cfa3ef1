/**
 * Environment variables that override single configuration keys. Values stay strings unless they
 * read cleanly as the key's kind, so a bad value reaches the schema as typed and the error can
 * show it (`found "ten"`). An empty variable counts as unset (compose files often write `FOO=`).
 */

type ValueKind = 'text' | 'number' | 'boolean';

interface EnvBinding {
  variable: string;
  path: string;
  kind: ValueKind;
}

/** Later entries win when two variables name the same key. */
export const ENV_BINDINGS: readonly EnvBinding[] = [
  { variable: 'CAREVOICE_DATA_DIR', path: 'dataDir', kind: 'text' },
  { variable: 'CAREVOICE_EXPORT_DIR', path: 'exportDir', kind: 'text' },
  { variable: 'REDIS_URL', path: 'redis.url', kind: 'text' },
  { variable: 'CAREVOICE_REDIS_PREFIX', path: 'redis.prefix', kind: 'text' },
  { variable: 'CAREVOICE_START_LOCAL_REDIS', path: 'redis.startLocal', kind: 'boolean' },
  { variable: 'CAREVOICE_REDIS_WAIT_FOR_REPLICAS', path: 'redis.waitForReplicas', kind: 'number' },
  { variable: 'CAREVOICE_REDIS_REPLICA_WAIT_MS', path: 'redis.replicaWaitMs', kind: 'number' },
  { variable: 'DATABASE_URL', path: 'database.url', kind: 'text' },
  { variable: 'CAREVOICE_DATABASE_NAMED_STATEMENTS', path: 'database.namedStatements', kind: 'boolean' },
  { variable: 'CAREVOICE_DATABASE_WRITE_IDLE_TIMEOUT_MS', path: 'database.writeIdleTimeoutMs', kind: 'number' },
  { variable: 'CAREVOICE_DATABASE_CLIENT_CHECK_MS', path: 'database.clientCheckMs', kind: 'number' },
  { variable: 'CAREVOICE_AUTHOR_HASH_KEY', path: 'authorHashKey', kind: 'text' },
  { variable: 'CAREVOICE_PROCESS_BATCH_SIZE', path: 'queue.processBatchSize', kind: 'number' },
  { variable: 'CAREVOICE_BACKPRESSURE_ENABLED', path: 'queue.backpressure.enabled', kind: 'boolean' },
  { variable: 'CAREVOICE_BACKPRESSURE_HIGH_WATER_JOBS', path: 'queue.backpressure.highWaterJobs', kind: 'number' },
  { variable: 'CAREVOICE_FILE_ENABLED', path: 'sources.file.enabled', kind: 'boolean' },
  { variable: 'CAREVOICE_INBOX_DIR', path: 'sources.file.dir', kind: 'text' },
  { variable: 'CAREVOICE_SAMPLE_ENABLED', path: 'sources.sample.enabled', kind: 'boolean' },
  { variable: 'CAREVOICE_SAMPLE_SEED', path: 'sources.sample.seed', kind: 'number' },
  { variable: 'CAREVOICE_SAMPLE_COUNT', path: 'sources.sample.count', kind: 'number' },
  { variable: 'CAREVOICE_REDDIT_ENABLED', path: 'sources.reddit.enabled', kind: 'boolean' },
  { variable: 'REDDIT_CLIENT_ID', path: 'sources.reddit.clientId', kind: 'text' },
  { variable: 'REDDIT_CLIENT_SECRET', path: 'sources.reddit.clientSecret', kind: 'text' },
  { variable: 'CAREVOICE_BLUESKY_ENABLED', path: 'sources.bluesky.enabled', kind: 'boolean' },
  { variable: 'BLUESKY_IDENTIFIER', path: 'sources.bluesky.identifier', kind: 'text' },
  { variable: 'BLUESKY_APP_PASSWORD', path: 'sources.bluesky.appPassword', kind: 'text' },
  { variable: 'CAREVOICE_MASTODON_ENABLED', path: 'sources.mastodon.enabled', kind: 'boolean' },
  { variable: 'MASTODON_ACCESS_TOKENS', path: 'sources.mastodon.accessTokens', kind: 'text' },
  { variable: 'CAREVOICE_CARE_OPINION_ENABLED', path: 'sources.care-opinion.enabled', kind: 'boolean' },
  { variable: 'CARE_OPINION_KEY', path: 'sources.care-opinion.subscriptionKey', kind: 'text' },
  { variable: 'CAREVOICE_NHS_WEBSITE_ENABLED', path: 'sources.nhs-website.enabled', kind: 'boolean' },
  { variable: 'NHS_WEBSITE_KEY', path: 'sources.nhs-website.subscriptionKey', kind: 'text' },
  { variable: 'CAREVOICE_X_ENABLED', path: 'sources.x.enabled', kind: 'boolean' },
  { variable: 'X_BEARER_TOKEN', path: 'sources.x.bearerToken', kind: 'text' },
  { variable: 'CAREVOICE_RSS_ENABLED', path: 'sources.rss.enabled', kind: 'boolean' },
  { variable: 'CAREVOICE_FFT_EXPORT_ENABLED', path: 'sources.fft-export.enabled', kind: 'boolean' },
  { variable: 'CAREVOICE_FFT_EXPORT_DIR', path: 'sources.fft-export.dir', kind: 'text' },
  { variable: 'CAREVOICE_COMMENT_TEXT_DAYS', path: 'retention.commentTextDays', kind: 'number' },
  { variable: 'CAREVOICE_ALERT_WEBHOOK_URL', path: 'alerts.webhookUrl', kind: 'text' },
  { variable: 'CAREVOICE_ALERT_WEBHOOK_SECRET', path: 'alerts.webhookSecret', kind: 'text' },
  { variable: 'CAREVOICE_ALERT_TIMEOUT_MS', path: 'alerts.timeoutMs', kind: 'number' },
  { variable: 'CAREVOICE_API_HOST', path: 'api.host', kind: 'text' },
  { variable: 'CAREVOICE_API_PORT', path: 'api.port', kind: 'number' },
  { variable: 'CAREVOICE_API_STORE_TIMEOUT_MS', path: 'api.storeTimeoutMs', kind: 'number' },
  { variable: 'LOG_LEVEL', path: 'log.level', kind: 'text' },
  { variable: 'CAREVOICE_LOG_LEVEL', path: 'log.level', kind: 'text' },
  { variable: 'CAREVOICE_LOG_PRETTY', path: 'log.pretty', kind: 'boolean' },
];

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

function coerce(raw: string, kind: ValueKind): unknown {
  const value = raw.trim();
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (kind === 'boolean') {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return kind === 'text' ? raw : value;
}

export interface EnvOverride {
  variable: string;
  path: string;
  value: unknown;
}

/** The overrides the given environment asks for, in application order. */
export function envOverrides(env: Readonly<Record<string, string | undefined>>): EnvOverride[] {
  const overrides: EnvOverride[] = [];
  for (const binding of ENV_BINDINGS) {
    const raw = env[binding.variable];
    if (raw === undefined || raw.trim() === '') continue;
    overrides.push({ variable: binding.variable, path: binding.path, value: coerce(raw, binding.kind) });
  }
  return overrides;
}
