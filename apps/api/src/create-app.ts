import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { getQueueToken } from '@nestjs/bullmq';
import { type LogLevel, type Type } from '@nestjs/common';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyError, FastifyReply } from 'fastify';
import { AppModule } from './app.module.js';
import { mountStudio } from './studio/studio-static.js';
import { IMPORT_CONTENT_TYPES } from './catalog/items.controller.js';
import type { AppConfig } from './config/app-config.js';
import { applyRouteBodyLimits } from './contract/route-body-limit.js';
import type { DatabaseHandle } from './db/database.js';
import { openInfrastructure } from './infrastructure.module.js';
import { sendFrameworkProblem } from './errors/problem.filter.js';
import { GENERATION_QUEUE, MAINTENANCE_QUEUE } from './jobs/job-queues.js';
import { buildOpenApiDocument } from './openapi/openapi.document.js';
import { mountQueueBoard } from './queue-board/queue-board.js';
import { AuthFailureThrottle } from './rate-limit/auth-failure-throttle.js';
import { registerRateLimits } from './rate-limit/request-rate-limit.js';
import { WorkspacesService } from './workspaces/workspaces.service.js';

export const NEST_LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

export interface PlatformApp {
  app: NestFastifyApplication;
  /** Whether a built studio is served at /studio. */
  studioServed: boolean;
  database: DatabaseHandle;
  workspaces: WorkspacesService;
  close(): Promise<void>;
}

/** Builds the HTTP application; main.ts listens on it, tests inject requests into it. */
export async function createApp(config: AppConfig): Promise<PlatformApp> {
  const infra = await openInfrastructure(config);

  // The default body limit is the small JSON one; routes that take batches raise their own.
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimits.jsonBytes,
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => sendFrameworkProblem(error, reply),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(infra),
    adapter,
    { logger: NEST_LOG_LEVELS[config.logLevel], abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  applyRouteBodyLimits(fastify, config.bodyLimits);
  // Before any route is added: the limit applies to the routes registered after it.
  await registerRateLimits(app, config);

  // Imports are parsed as they arrive; handing the raw stream on keeps 100k-row files out of memory.
  fastify.addContentTypeParser(Object.keys(IMPORT_CONTENT_TYPES), (_request, payload, done) => done(null, payload));
  // Uploads have their own limit; multipart would otherwise default to the (small) JSON body limit.
  await app.register(multipart as never, { limits: { fileSize: config.uploads.maxBytes } } as never);

  // Bull Board at /admin/queues, for the platform operator's key only (its routes live outside Nest and its guards).
  await mountQueueBoard(
    app,
    [GENERATION_QUEUE, MAINTENANCE_QUEUE].map((name) => app.get<Queue>(getQueueToken(name))),
    config.queueBoard,
    app.get(AuthFailureThrottle),
  );

  app.enableCors({ origin: config.http.corsOrigins });

  await app.init();
  const controllers = app.get(DiscoveryService).getControllers().flatMap((wrapper) => (wrapper.metatype ? [wrapper.metatype as Type] : []));
  const document = buildOpenApiDocument(controllers);
  await app.register(swagger as never, { mode: 'static', specification: { document } } as never);
  await app.register(swaggerUi as never, { routePrefix: '/docs' } as never);
  fastify.get('/docs/openapi.json', (_request, reply) => reply.send(document));
  const studioServed = await mountStudio(app, config.studioDir);

  return {
    app,
    studioServed,
    database: infra.database,
    workspaces: app.get(WorkspacesService),
    async close() {
      // Nest first: its shutdown lets embedded workers finish their jobs while the database is open.
      await app.close();
      await infra.close();
    },
  };
}
