import type { RedisOptions } from 'ioredis';

/**
 * A REDIS_URL naming Redis Sentinels rather than one server:
 *
 *   redis+sentinel://[user:password@]host[:port][,host[:port]…]/primary-name[/db][?sentinelPassword=…]
 *
 * ioredis asks the sentinels, in turn, which server is the primary of `primary-name`, connects to
 * it, and asks again whenever the connection drops, so a process follows a failover by itself.
 * Credentials in the URL are the Redis servers'; sentinels that require their own go in the
 * `sentinelUsername` / `sentinelPassword` parameters. Sentinel with TLS is not supported.
 */

export const SENTINEL_SCHEME = 'redis+sentinel:';

const DEFAULT_SENTINEL_PORT = 26379;

/** `host`, `host:port`, `[v6]` or `[v6]:port`. */
const HOST_AND_PORT = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/;

/** Why a sentinel URL is not usable; the caller wraps it in its own error with the URL redacted. */
export class SentinelUrlProblem extends Error {}

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SentinelUrlProblem(`the ${what} is not valid percent-encoding`);
  }
}

/** ioredis options for a `redis+sentinel://` URL; throws SentinelUrlProblem saying what is wrong. */
export function sentinelOptionsFromUrl(url: string): RedisOptions {
  const rest = url.slice(SENTINEL_SCHEME.length + 2);
  const queryAt = rest.indexOf('?');
  const withoutQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : rest.slice(queryAt + 1));
  const pathAt = withoutQuery.indexOf('/');
  const authority = pathAt === -1 ? withoutQuery : withoutQuery.slice(0, pathAt);
  const path = (pathAt === -1 ? '' : withoutQuery.slice(pathAt + 1)).split('/').filter((p) => p !== '');

  const userinfoEnd = authority.lastIndexOf('@');
  const userinfo = userinfoEnd === -1 ? '' : authority.slice(0, userinfoEnd);
  const hosts = authority.slice(userinfoEnd + 1);
  const sentinels = hosts.split(',').map((entry) => {
    const match = HOST_AND_PORT.exec(entry.trim());
    if (!match) throw new SentinelUrlProblem(`"${entry}" is not a sentinel's host[:port]`);
    const port = match[3] === undefined ? DEFAULT_SENTINEL_PORT : Number(match[3]);
    if (port < 1 || port > 65_535) throw new SentinelUrlProblem(`the port ${port} is out of range`);
    return { host: (match[1] ?? match[2]) as string, port };
  });

  const [name, dbPart, ...extra] = path;
  if (name === undefined) throw new SentinelUrlProblem('it names no primary (redis+sentinel://host:port/primary-name)');
  if (extra.length > 0) throw new SentinelUrlProblem(`the path has more than a primary's name and a database`);
  const db = dbPart === undefined ? 0 : Number(dbPart);
  if (!Number.isInteger(db) || db < 0) throw new SentinelUrlProblem(`the database "${dbPart}" is not a number`);

  const options: RedisOptions = { sentinels, name: decoded(name, 'primary name'), db };
  if (userinfo !== '') {
    const colon = userinfo.indexOf(':');
    const username = colon === -1 ? userinfo : userinfo.slice(0, colon);
    if (username !== '') options.username = decoded(username, 'user name');
    if (colon !== -1) options.password = decoded(userinfo.slice(colon + 1), 'password');
  }
  for (const key of query.keys()) {
    if (key !== 'sentinelUsername' && key !== 'sentinelPassword') {
      throw new SentinelUrlProblem(`the parameter "${key}" is not known (sentinelUsername, sentinelPassword)`);
    }
  }
  const sentinelUsername = query.get('sentinelUsername');
  const sentinelPassword = query.get('sentinelPassword');
  if (sentinelUsername !== null) options.sentinelUsername = sentinelUsername;
  if (sentinelPassword !== null) options.sentinelPassword = sentinelPassword;
  // A primary demoted while this process stayed connected (a partition, then a failover) answers
  // writes with READONLY: reconnect, which asks the sentinels again, and resend the command.
  options.reconnectOnError = (error) => (error.message.startsWith('READONLY') ? 2 : false);
  return options;
}
