import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type TErrorCode } from '@persona/shared';
import { presentedKey } from '../auth/presented-key.js';
import type { AppConfig } from '../config/app-config.js';
import { problemOf } from '../errors/problem.js';
import { sendError, sendProblem } from '../errors/problem.filter.js';
import type { AuthFailureThrottle } from '../rate-limit/auth-failure-throttle.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Makes a browser ask for credentials: the user name is ignored, the password is the operator key. */
const BASIC_CHALLENGE = 'Basic realm="Persona queue board"';

/** Methods that only read; anything else changes a queue and needs QUEUE_BOARD_WRITE=true. */
const READ_METHODS = new Set(['GET', 'HEAD']);

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Compares fixed-length digests, so the time taken says nothing about how much of the key matched. */
function isOperatorKey(presented: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(presented), expected);
}

function deny(reply: FastifyReply, code: TErrorCode, detail: string): FastifyReply {
  if (code === ErrorCode.Unauthenticated) void reply.header('www-authenticate', BASIC_CHALLENGE);
  sendProblem(reply, problemOf(code, detail));
  return reply;
}

/**
 * Bull Board at /admin/queues is a tool of the platform operator, not of workspaces: it shows and
 * acts on every workspace's jobs. It opens only with QUEUE_BOARD_KEY (workspace keys, admin ones
 * included, are never looked up here), is read-only unless QUEUE_BOARD_WRITE=true, and is off —
 * every path answers 404 problem+json saying how to turn it on — without a key.
 *
 * Its routes are registered on Fastify directly, outside Nest (no guards, not in the OpenAPI
 * document), so access is checked by an onRequest hook of their own encapsulation context: the UI,
 * its static assets, its JSON API and any unknown path below /admin/queues all pass through it.
 */
export async function mountQueueBoard(
  app: NestFastifyApplication,
  queues: readonly Queue[],
  board: AppConfig['queueBoard'],
  authFailures: AuthFailureThrottle,
): Promise<void> {
  if (!board) {
    await app.register(
      async (off: FastifyInstance) => {
        const answer = (_request: FastifyRequest, reply: FastifyReply) =>
          sendProblem(
            reply,
            problemOf(ErrorCode.RouteNotFound, 'The queue board is off on this server: the platform operator turns it on by setting QUEUE_BOARD_KEY (at least 24 characters).'),
          );
        off.all('/', answer);
        off.all('/*', answer);
      },
      { prefix: QUEUE_BOARD_PATH },
    );
    return;
  }

  const expected = digest(board.key);
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // readOnlyMode hides the actions in the UI and makes bull-board refuse them per queue; the
    // hook below refuses every non-read method as well, so no handler has to get it right.
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: !board.write })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Persona queues' } },
  });

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        const key = presentedKey(request.headers, { basic: true });
        if (!key) {
          return deny(
            reply,
            ErrorCode.Unauthenticated,
            'Send the operator key (QUEUE_BOARD_KEY) as "Authorization: Bearer <key>", "x-api-key", or Basic auth with the key as password.',
          );
        }
        try {
          await authFailures.assertAllowed(request);
          if (!isOperatorKey(key, expected)) {
            await authFailures.record(request);
            return deny(reply, ErrorCode.Unauthenticated, 'This is not the queue board key; workspace API keys do not open it.');
          }
          if (!board.write && !READ_METHODS.has(request.method)) {
            return deny(reply, ErrorCode.Forbidden, 'The queue board is read-only; the operator enables actions with QUEUE_BOARD_WRITE=true.');
          }
        } catch (error) {
          sendError(reply, error);
          return reply;
        }
      });
      // Unknown paths below the board answer like the rest of the API, and only after the key check.
      scope.setNotFoundHandler((request, reply) => {
        sendProblem(reply, problemOf(ErrorCode.RouteNotFound, `Route ${request.method}:${request.url} not found`));
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
