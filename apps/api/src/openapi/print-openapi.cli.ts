import { API_MODULES } from '../app.module.js';
import { API_VERSION, buildOpenApiDocument, controllersOf } from './openapi.document.js';

// Prints the OpenAPI document built from the route contracts alone: no database, Redis or
// listening server is needed, so the studio's typed client can be generated anywhere.
process.stdout.write(`${JSON.stringify(buildOpenApiDocument(controllersOf(API_MODULES), API_VERSION), null, 2)}\n`);
