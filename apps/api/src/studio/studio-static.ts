import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '@persona/shared';

export const STUDIO_PATH = '/studio';
const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * Serves the built studio from the API's own origin (no CORS, one process to deploy). Vite names
 * every asset by its content hash, so assets are cached for good; index.html is revalidated and
 * answers every client route, which the studio's router then renders. Returns whether it is served.
 */
export async function mountStudio(app: NestFastifyApplication, studioDir: string): Promise<boolean> {
  const built = existsSync(join(studioDir, 'index.html'));
  // Encapsulated, so reply.sendFile stays private to these routes (the API docs bring their own).
  await app.register((async (instance: FastifyInstance) => {
    if (!built) {
      instance.get(`${STUDIO_PATH}*`, (_request, reply) =>
        reply
          .status(503)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Studio not built',
            status: 503,
            detail: `No studio build in ${studioDir}: run "npm run build" (or set STUDIO_DIR).`,
            code: ErrorCode.DependencyUnavailable,
          }),
      );
      return;
    }
    await instance.register(fastifyStatic, {
      root: studioDir,
      prefix: `${STUDIO_PATH}/`,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) =>
        reply.header(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? `public, max-age=${ONE_YEAR}, immutable` : 'no-cache',
        ),
    });
    const clientRoute = (request: { url: string }, reply: { sendFile(name: string): unknown; callNotFound(): void }) =>
      // A missing hashed asset is a 404, not the page: a stale tab must not parse HTML as JavaScript.
      request.url.startsWith(`${STUDIO_PATH}/assets/`) ? reply.callNotFound() : reply.sendFile('index.html');
    instance.get(STUDIO_PATH, clientRoute);
    instance.get(`${STUDIO_PATH}/*`, clientRoute);
  }) as never);
  return built;
}
