import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import type { Infrastructure } from '../infrastructure.module.js';
import { buildOpenApiDocument, controllersOf } from './openapi.document.js';

/**
 * The OpenAPI document built from the route contracts alone: no database, Redis or listening
 * server, so the studio's typed client can be generated anywhere. `AppModule.with` only reads the
 * config to choose its modules and hands the rest to providers that are never created here.
 */
export function buildOfflineOpenApiDocument() {
  const infra = { config: loadConfig({ EMBEDDED_WORKER: 'false' }) } as Infrastructure;
  return buildOpenApiDocument(controllersOf([AppModule.with(infra)]));
}
