import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import basicAuth from '@fastify/basic-auth';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { knownQueues } from '../queue/known-queues.js';
import { allQueueNames } from '../queue/queue-names.js';

/**
 * The queue board (Bull Board) at /board, behind HTTP basic auth. It can retry, promote and remove
 * jobs, so it is mounted only when both credentials are set; otherwise /board does not exist.
 */

export const BOARD_PATH = '/board';

export interface BoardCredentials {
  user: string;
  password: string;
}

export class BoardConfigError extends Error {
  readonly code = 'board_config';
  constructor(message: string) {
    super(message);
    this.name = 'BoardConfigError';
  }
}

/** Credentials from CAREVOICE_BOARD_USER / CAREVOICE_BOARD_PASSWORD; null (no board) when neither is set. */
export function boardCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): BoardCredentials | null {
  const user = env['CAREVOICE_BOARD_USER'] ?? '';
  const password = env['CAREVOICE_BOARD_PASSWORD'] ?? '';
  if (user === '' && password === '') return null;
  if (user === '' || password === '') {
    throw new BoardConfigError(
      'set both CAREVOICE_BOARD_USER and CAREVOICE_BOARD_PASSWORD to mount the queue board, or neither to leave it off',
    );
  }
  if (password.length < 12) throw new BoardConfigError('CAREVOICE_BOARD_PASSWORD must be at least 12 characters');
  return { user, password };
}

/** Compares digests, so the time taken says nothing about how much of a guess was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface BoardQueues {
  queues: Queue[];
  close(): Promise<void>;
}

/** Producer-side handles on every CareVoice queue (configured sources and any used before). */
export async function openBoardQueues(
  connection: Redis,
  prefix: string,
  sources: readonly string[],
): Promise<BoardQueues> {
  const known = await knownQueues(connection, prefix);
  const names = allQueueNames([
    ...sources,
    ...known.filter((name) => name.startsWith('collect-')).map((name) => name.slice('collect-'.length)),
  ]);
  const queues = names.map((name) => new Queue(name, { connection, prefix }));
  return { queues, close: async () => void (await Promise.all(queues.map((queue) => queue.close()))) };
}

type BoardErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];
const UNAUTHORIZED = { error: 'unauthorized', message: 'queue board credentials required' };

export interface QueueBoardOptions {
  credentials: BoardCredentials;
  queues: readonly Queue[];
}

/** Mounts Bull Board at /board in its own encapsulated scope with basic auth on every route. */
export async function registerQueueBoard(app: FastifyInstance, options: QueueBoardOptions): Promise<void> {
  const adapter = new FastifyAdapter().setBasePath(BOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'CareVoice queues' } },
  });
  // Routes answer errors through the adapter's handler, so a refused login is shaped here; every
  // other error keeps Bull Board's own answer.
  const boardErrors = (adapter as unknown as { errorHandler: BoardErrorHandler }).errorHandler;
  adapter.setErrorHandler((error) =>
    (error as { statusCode?: number }).statusCode === 401
      ? // The same body as the rest of the API's errors, which Bull Board's typings do not know.
        ({ status: 401, body: UNAUTHORIZED } as unknown as ReturnType<BoardErrorHandler>)
      : boardErrors(error),
  );
  const { user, password } = options.credentials;
  await app.register(
    async (scope) => {
      await scope.register(basicAuth, {
        authenticate: { realm: 'CareVoice queue board' },
        async validate(givenUser, givenPassword) {
          // Both compared every time: which half was wrong is not revealed by timing.
          const userOk = sameSecret(givenUser, user);
          const passwordOk = sameSecret(givenPassword, password);
          if (!userOk || !passwordOk) return new Error('wrong queue board credentials');
        },
      });
      scope.addHook('onRequest', scope.basicAuth);
      await scope.register(adapter.registerPlugin());
    },
    { prefix: BOARD_PATH },
  );
}
