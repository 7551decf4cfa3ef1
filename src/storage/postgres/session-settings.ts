/**
 * Settings sent once on each new connection, for the whole session: how soon the server gives up on
 * a process that is gone, and, for a handle whose statements are all short, a limit on each one.
 *
 * A process killed in the middle of a long statement (an aggregate run, a purge, an export's read)
 * closes its socket, but the server only notices when it next reads from or writes to it: the
 * statement runs to its end, minutes on a large store, holding its locks, and the comment writers
 * queued behind them wait. `client_connection_check_interval` (PostgreSQL 14 and later) has the
 * server look at the socket while a statement runs. A process cut off silently (packets lost, a host
 * gone) closes nothing: the server's TCP keepalive then finds it out on an idle connection, and
 * `tcp_user_timeout` when what the server sent stays unacknowledged; with Linux's defaults those
 * take over two hours and about 15 minutes. The idle-in-transaction timeout (write-idle-timeout.ts)
 * covers only a session waiting for its next statement; these cover one in the middle of a
 * statement too.
 *
 * A running statement is stopped only where the server has `client_connection_check_interval` and
 * the platform supports it: before PostgreSQL 14, or where the server refuses a non-zero value, only
 * the TCP settings stay, which mark the connection dead but do not stop a running statement. The
 * pool's first connection tries each setting in a statement of its own, so one the server does not
 * have or refuses costs that setting alone (said once), not the others. Behind a pooler in
 * transaction mode the SET may not follow the transactions to their server connection; then the
 * pooler, not this process, is the server's client, and it is the pooler's own keepalive that counts.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { checkOffOrWithin } from './off-or-within.js';

export const CLIENT_CHECK_MS = {
  default: 5000,
  /** The TCP settings are in whole seconds. */
  min: 1000,
  /** Linux takes at most 32,767 s for the keepalive's idle time and interval. */
  max: 32_767_000,
} as const;

/** Keepalive probes unanswered before the server gives up on an idle connection. */
const KEEPALIVE_PROBES = 3;

export function checkClientCheckMs(ms: number): void {
  checkOffOrWithin('client check interval', ms, CLIENT_CHECK_MS);
}

/** A session setting: the parameter's name and its value as SET would take it. */
export type SessionSetting = readonly [name: string, value: string];

/**
 * The server checks a running statement's client every `ms`; it probes an idle connection after
 * `ms` of silence, every `ms`, and gives up after three unanswered probes; it gives up on data left
 * unacknowledged as long. So a process that closed its socket is noticed within `ms`, and a silent
 * one within about four times `ms`. None for 0: the server's own settings stay.
 */
export function clientCheckSettings(ms: number): SessionSetting[] {
  if (ms === 0) return [];
  const seconds = String(Math.ceil(ms / 1000));
  return [
    ['client_connection_check_interval', String(ms)],
    ['tcp_keepalives_idle', seconds],
    ['tcp_keepalives_interval', seconds],
    ['tcp_keepalives_count', String(KEEPALIVE_PROBES)],
    ['tcp_user_timeout', String(ms * (KEEPALIVE_PROBES + 1))],
  ];
}

/** `statement_timeout` for every statement of the session; none for 0. */
export function statementTimeoutSettings(ms: number): SessionSetting[] {
  return ms === 0 ? [] : [['statement_timeout', String(ms)]];
}

/** Sets one parameter for the session; no row when the server has no such parameter. */
const SET_IF_KNOWN = 'select set_config(name, $2::text, false) as value from pg_settings where name = $1::text';

/**
 * Applies `settings` to `first`, the pool's first connection, one at a time, and then to each new
 * connection of `pool` those the server took, in one statement queued ahead of its first query (one,
 * so no query waits behind another of ours, which pg deprecates). A SET rather than startup
 * parameters, which PgBouncer refuses unless told to ignore them. A setting the server does not have,
 * or refuses, is said once and left out; every connection is to the same server, so the first one
 * tells for all. Any other failure of the first connection is thrown.
 */
export async function settleEverySession(
  pool: pg.Pool,
  first: pg.PoolClient,
  settings: readonly SessionSetting[],
  logger?: Logger,
): Promise<void> {
  const taken: SessionSetting[] = [];
  for (const [name, value] of settings) {
    try {
      const result = await first.query(SET_IF_KNOWN, [name, value]);
      if (result.rowCount === 0) logger?.warn({ setting: name }, `PostgreSQL has no ${name}: sessions go without it`);
      else taken.push([name, value]);
    } catch (error) {
      // Only the server's own answer (a SQLSTATE) is a refusal; a lost connection is not.
      if (!(error instanceof pg.DatabaseError)) throw error;
      logger?.warn({ err: error, setting: name }, `PostgreSQL refused ${name} = ${value}: sessions go without it`);
    }
  }
  if (taken.length === 0) return;
  const text = `select ${taken.map((_, i) => `set_config($${2 * i + 1}::text, $${2 * i + 2}::text, false)`).join(', ')}`;
  const parameters = taken.flat();
  pool.on('connect', (client) => {
    client.query(text, parameters).catch((error: unknown) => {
      logger?.warn({ err: error }, 'could not apply the session settings to a PostgreSQL connection');
    });
  });
}
