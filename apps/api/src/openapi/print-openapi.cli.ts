import { buildOfflineOpenApiDocument } from './offline-document.js';

// `npm run openapi -w @persona/api`: the document on stdout (the studio's gen:client reads it).
process.stdout.write(`${JSON.stringify(buildOfflineOpenApiDocument(), null, 2)}\n`);
