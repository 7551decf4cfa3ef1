import type { RedisOptions } from 'ioredis';

/**
 * A REDIS_URL naming Redis Sentinels rather than one server:
 *
 *   redis+sentinel://[user:password@]host[:port][,host[:port]…]/primary-name[/db][?sentinelPassword=…]
 *
 * ioredis asks the sentinels, in turn, which server is the primary of `primary-name`, connects to
 * it, and asks again whenever the connection is remade, so a process follows a failover by itself.
 * Credentials in the URL are the Redis servers'; sentinels that require their own go in the
 * `sentinelUsername` / `sentinelPassword` parameters. Sentinel with TLS is not supported.
 */

const SENTINEL_PREFIX = 'redis+sentinel://';

const DEFAULT_SENTINEL_PORT = 26379;

/** `host`, `host:port`, `[v6]` or `[v6]:port`. */
const HOST_AND_PORT = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/;

const QUERY_KEYS = ['sentinelUsername', 'sentinelPassword'] as const;

/**
 * Why a sentinel URL is not usable. Its messages never quote the URL's pieces: a password holding
 * a `/`, `?` or `@` unencoded would be split into them.
 */
export class SentinelUrlProblem extends Error {}

export function isSentinelUrl(url: string): boolean {
  return url.slice(0, SENTINEL_PREFIX.length).toLowerCase() === SENTINEL_PREFIX;
}

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SentinelUrlProblem(`the ${what} is not valid percent-encoding`);
  }
}

interface SentinelUrl {
  sentinels: { host: string; port: number }[];
  name: string;
  db: number;
  username?: string;
  password?: string;
  sentinelUsername?: string;
  sentinelPassword?: string;
}

function authorityLength(rest: string): number {
  const end = rest.search(/[/?#]/);
  return end === -1 ? rest.length : end;
}

function parse(url: string): SentinelUrl {
  const rest = url.slice(SENTINEL_PREFIX.length);
  // As URLs are read: the authority ends at the first '/', '?' or '#', and the user information at
  // the last '@' within it, so a password must encode those characters (then %2F, %3F, %23).
  const authorityEnd = authorityLength(rest);
  const userinfoEnd = rest.lastIndexOf('@', authorityEnd - 1);
  const userinfo = userinfoEnd === -1 ? '' : rest.slice(0, userinfoEnd);
  const afterUserinfo = rest.slice(userinfoEnd + 1);
  const queryAt = afterUserinfo.indexOf('?');
  const withoutQuery = queryAt === -1 ? afterUserinfo : afterUserinfo.slice(0, queryAt);
  const pathAt = withoutQuery.indexOf('/');
  const hosts = pathAt === -1 ? withoutQuery : withoutQuery.slice(0, pathAt);
  const path = (pathAt === -1 ? '' : withoutQuery.slice(pathAt + 1)).split('/').filter((p) => p !== '');

  const sentinels = hosts.split(',').map((entry, index) => {
    const match = HOST_AND_PORT.exec(entry.trim());
    if (!match) throw new SentinelUrlProblem(`sentinel ${index + 1} is not a host[:port]`);
    const port = match[3] === undefined ? DEFAULT_SENTINEL_PORT : Number(match[3]);
    if (port < 1 || port > 65_535) throw new SentinelUrlProblem(`sentinel ${index + 1}'s port is out of range`);
    return { host: (match[1] ?? match[2]) as string, port };
  });

  if (url.includes('#')) throw new SentinelUrlProblem('it has a fragment (#…); a password must encode # as %23');
  const [name, dbPart, ...extra] = path;
  if (name === undefined) throw new SentinelUrlProblem('it names no primary (redis+sentinel://host:port/primary-name)');
  if (extra.length > 0) throw new SentinelUrlProblem(`the path has more than a primary's name and a database`);
  if (dbPart !== undefined && !/^\d+$/.test(dbPart)) throw new SentinelUrlProblem('the database is not a number');
  const parsed: SentinelUrl = { sentinels, name: decoded(name, 'primary name'), db: Number(dbPart ?? 0) };

  if (userinfo !== '') {
    const colon = userinfo.indexOf(':');
    const username = colon === -1 ? userinfo : userinfo.slice(0, colon);
    if (username !== '') parsed.username = decoded(username, 'user name');
    if (colon !== -1) parsed.password = decoded(userinfo.slice(colon + 1), 'password');
  }
  // Read by hand rather than by URLSearchParams, which would turn a '+' in a password into a space.
  const query = queryAt === -1 ? '' : afterUserinfo.slice(queryAt + 1);
  for (const pair of query.split('&').filter((p) => p !== '')) {
    const equals = pair.indexOf('=');
    const key = decoded(equals === -1 ? pair : pair.slice(0, equals), 'parameter name');
    const known = QUERY_KEYS.find((k) => k === key);
    if (known === undefined) throw new SentinelUrlProblem(`a parameter is not one of ${QUERY_KEYS.join(', ')}`);
    parsed[known] = decoded(equals === -1 ? '' : pair.slice(equals + 1), known);
  }
  return parsed;
}

/** ioredis options for a `redis+sentinel://` URL; throws SentinelUrlProblem saying what is wrong. */
export function sentinelOptionsFromUrl(url: string): RedisOptions {
  const { sentinels, name, db, ...credentials } = parse(url);
  return {
    sentinels,
    name,
    db,
    ...credentials,
    // Listen for the sentinels' +switch-master and drop the connection at once: a primary demoted
    // alive goes on taking writes until the sentinels reconfigure it (up to their 10 s INFO
    // period), and writes taken then are lost when it resynchronises from the new primary.
    failoverDetector: true,
    // A primary demoted while this connection stayed on it answers writes READONLY (on Redis 6 inside
    // a script's error): reconnect, which asks the sentinels again, and resend the command (a
    // worker's connection does; a producer's, with no offline queue, fails it for its caller to retry).
    reconnectOnError: (error) => (error.message.includes('READONLY') ? 2 : false),
  };
}

/** The URL with its passwords hidden, rebuilt from what was read; one that cannot be read is hidden whole. */
export function redactSentinelUrl(url: string): string {
  const hidden = `${SENTINEL_PREFIX}(not shown: unreadable, or a password with an unencoded / ? # or @)`;
  const rest = url.slice(SENTINEL_PREFIX.length);
  // An '@' past the authority is most likely a password cut short by one of those characters.
  if (rest.includes('@', authorityLength(rest))) return hidden;
  let parsed: SentinelUrl;
  try {
    parsed = parse(url);
  } catch {
    return hidden;
  }
  const user =
    parsed.username === undefined && parsed.password === undefined
      ? ''
      : `${encodeURIComponent(parsed.username ?? '')}${parsed.password === undefined ? '' : ':***'}@`;
  const hosts = parsed.sentinels.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`);
  const query = [
    ...(parsed.sentinelUsername === undefined
      ? []
      : [`sentinelUsername=${encodeURIComponent(parsed.sentinelUsername)}`]),
    ...(parsed.sentinelPassword === undefined ? [] : ['sentinelPassword=***']),
  ];
  return `${SENTINEL_PREFIX}${user}${hosts.join(',')}/${encodeURIComponent(parsed.name)}/${parsed.db}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** For messages: which sentinels, and which primary, a connection follows. */
export function describeSentinels(options: RedisOptions): string | undefined {
  // ioredis fills in `sentinels: null` for a connection to one server.
  if (!options.sentinels) return undefined;
  const hosts = options.sentinels.map(({ host, port }) => `${host}:${port ?? DEFAULT_SENTINEL_PORT}`).join(',');
  return `primary "${options.name}" through sentinels ${hosts}`;
}
