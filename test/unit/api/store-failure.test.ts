import { describe, expect, it } from 'vitest';
import { isStoreFailure } from '../../../src/api/store-failure.js';
import { StoreUnavailableError } from '../../../src/storage/errors/store-unavailable-error.js';

/** Errors shaped as node-postgres, pg-pool and Node's sockets raise them. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("which failures are the store's", () => {
  it('its own errors, a server that cancels, sheds or refuses, and a connection gone or not had', () => {
    const storeFailures = [
      new StoreUnavailableError('PostgreSQL did not answer a statement within 2000 ms; its connection was dropped'),
      withCode('canceling statement due to statement timeout', '57014'),
      withCode('sorry, too many clients already', '53300'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([
        withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
        withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      ]),
    ];
    for (const error of storeFailures) expect(isStoreFailure(error), String(error)).toBe(true);
  });

  it('not a bug, a bad statement, a constraint, or anything that is not an error', () => {
    const others: unknown[] = [
      new TypeError("Cannot read properties of undefined (reading 'odsCode')"),
      withCode('syntax error at or near "selec"', '42601'),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('invalid input syntax for type integer', '22P02'),
      new Error('a message that mentions Connection terminated in the middle'),
      new AggregateError([withCode('connect ECONNREFUSED', 'ECONNREFUSED'), new Error('something else')]),
      new AggregateError([]),
      'Connection terminated',
      null,
      undefined,
    ];
    for (const error of others) expect(isStoreFailure(error), String(error)).toBe(false);
  });
});
