import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type TErrorCode } from '@persona/shared';
import { problemOf } from '../errors/problem.js';
import { sendProblem, toProblem } from '../errors/problem.filter.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';

export const BULL_BOARD_PATH = '/admin/queues';

/** Makes a browser ask for credentials: the user name is ignored, the password is the API key. */
const BASIC_CHALLENGE = 'Basic realm="Bull Board"';

/**
 * The key of a request: `Authorization: Bearer <key>`, `x-api-key`, or HTTP Basic auth whose
 * password is the key (or whose user name is, when the password is empty: `curl -u <key>:`).
 */
function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization?.trim();
  if (header && /^bearer /i.test(header)) return header.slice('bearer '.length).trim() || undefined;
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice('basic '.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return (decoded.slice(colon + 1) || decoded.slice(0, colon)).trim() || undefined;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() || undefined : undefined;
}

function deny(reply: FastifyReply, code: TErrorCode, detail: string): FastifyReply {
  if (code === ErrorCode.Unauthenticated) void reply.header('www-authenticate', BASIC_CHALLENGE);
  sendProblem(reply, problemOf(code, detail));
  return reply;
}

/**
 * Serves Bull Board for the given queues at /admin/queues, to admin keys only. The board's routes
 * are registered on Fastify directly, outside Nest (no guards, not in the OpenAPI document), so
 * access is checked by an onRequest hook of their own encapsulation context: the UI, its static
 * assets, its JSON API and any unknown path below /admin/queues all pass through it.
 */
export async function mountBullBoard(
  app: NestFastifyApplication,
  queues: readonly Queue[],
  workspaces: WorkspacesService,
): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Persona queues' } },
  });

  await app.register(
    async (board: FastifyInstance) => {
      board.addHook('onRequest', async (request, reply) => {
        const key = keyOf(request);
        if (!key) {
          return deny(
            reply,
            ErrorCode.Unauthenticated,
            'Send an admin API key as "Authorization: Bearer <key>", "x-api-key", or Basic auth with the key as password.',
          );
        }
        try {
          const principal = await workspaces.authenticate(key);
          if (!principal) return deny(reply, ErrorCode.Unauthenticated, 'Unknown or revoked API key.');
          if (principal.role !== 'admin') {
            return deny(reply, ErrorCode.Forbidden, `A ${principal.role} key cannot open the queue board; it needs an admin key.`);
          }
        } catch (error) {
          sendProblem(reply, toProblem(error));
          return reply;
        }
      });
      // Unknown paths below the board answer like the rest of the API, and only after the key check.
      board.setNotFoundHandler((request, reply) => {
        sendProblem(reply, problemOf(ErrorCode.RouteNotFound, `Route ${request.method}:${request.url} not found`));
      });
      await board.register(serverAdapter.registerPlugin());
    },
    { prefix: BULL_BOARD_PATH },
  );
}
