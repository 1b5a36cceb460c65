import { demoSegments } from '@persona/demo-data';
import { ErrorCode } from '@persona/shared';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type DatabaseKind, type TestApp } from '../support/test-app.js';
import { encodeHostile, forgedCursor, hostileJsonText, hostileString, hostileValue, malformedUrlPiece } from './hostile-values.js';
import { oneHostileLeaf, schemaArbitrary, type SchemaArbitraryContext } from './schema-arbitrary.js';

/**
 * Every route of the OpenAPI document, fuzzed with hostile path params, query params and bodies.
 * The budget is fixed (requests per database, one seed), so the run is deterministic and its
 * length depends on the machine only through the speed of each request.
 */
const SEED = 20_261_203;
const REQUESTS: Record<DatabaseKind, number> = { pglite: 5_200, postgres: 5_200 };
const TIMEOUT_MS = 15 * 60_000;

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  method: Method;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Record<string, unknown> }[];
  bodyTypes: string[];
  bodySchema: Record<string, unknown> | null;
}
interface FuzzRequest {
  method: Method;
  url: string;
  key: 'admin' | 'viewer' | 'none' | 'garbage';
  headers: Record<string, string>;
  payload?: string | Buffer;
}

function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(methods)) {
      const parameters: any[] = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase() as Method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}

function multipart(bytes: Buffer, contentType: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----personafuzz';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Fixtures extends SchemaArbitraryContext {
  /** Real ids by the resource a path starts with (`items`, `segments`, ...), so id routes reach real rows. */
  idsByResource: Record<string, string[]>;
  viewerKey: string;
  validCursor: string;
  images: Buffer[];
}

function requestArbitrary(operation: Operation, fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  const idValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(fixtures.idsByResource[operation.path.split('/')[2] ?? ''] ?? fixtures.ids)) },
    { weight: 1, arbitrary: fc.constantFrom(...fixtures.ids) },
    { weight: 4, arbitrary: hostileString.map(encodeHostile) },
    { weight: 1, arbitrary: malformedUrlPiece },
  );
  const path = fc
    .tuple(...operation.pathParams.map(() => idValue))
    .map((values) => operation.pathParams.reduce((url, name, i) => url.replace(`{${name}}`, values[i]!), operation.path));

  const queryValue = (name: string, schema: Record<string, unknown>) =>
    fc.oneof(
      { weight: 3, arbitrary: schemaArbitrary(schema, fixtures, name).map((v) => encodeHostile(typeof v === 'string' ? v : JSON.stringify(v) ?? '')) },
      { weight: 2, arbitrary: hostileString.map(encodeHostile) },
      { weight: 1, arbitrary: malformedUrlPiece },
      ...(name === 'cursor'
        ? [{ weight: 4, arbitrary: fc.oneof(forgedCursor.map(encodeHostile), fc.constant(fixtures.validCursor)) }]
        : []),
    );
  const query = fc
    .tuple(...operation.query.map(({ name, schema }) => fc.option(queryValue(name, schema), { freq: 2 })), fc.option(hostileString.map(encodeHostile)))
    .map(([...values]) => {
      const extra = values.pop() as string | null;
      const pairs = operation.query.flatMap(({ name }, i) => (values[i] === null ? [] : [`${name}=${values[i]}`]));
      if (extra !== null) pairs.push(`${encodeHostile(extra.slice(0, 10)) || 'x'}=${extra}`);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });

  const json = (value: unknown) => ({ payload: JSON.stringify(value) ?? 'null', headers: { 'content-type': 'application/json' } });
  const bodies: fc.Arbitrary<{ payload?: string | Buffer; headers: Record<string, string> }>[] = [];
  if (operation.bodySchema) {
    bodies.push(
      schemaArbitrary(operation.bodySchema, { ...fixtures, hostility: 0 }).map(json),
      schemaArbitrary(operation.bodySchema, fixtures).map(json),
      oneHostileLeaf(operation.bodySchema, fixtures).map(json),
      oneHostileLeaf(operation.bodySchema, fixtures).map(json),
    );
  }
  if (operation.bodyTypes.includes('application/x-ndjson')) {
    const row = schemaArbitrary(fixtures.components['ItemInput'] ?? {}, fixtures);
    bodies.push(
      fc.array(fc.oneof(row.map((r) => JSON.stringify(r) ?? ''), hostileJsonText), { minLength: 1, maxLength: 6 }).map((lines) => ({
        payload: lines.join('\n'),
        headers: { 'content-type': 'application/x-ndjson' },
      })),
      fc.array(fc.array(hostileString, { minLength: 3, maxLength: 3 }), { maxLength: 5 }).map((rows) => ({
        payload: ['externalId,title,category', ...rows.map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\n'),
        headers: { 'content-type': 'text/csv' },
      })),
    );
  }
  if (operation.bodyTypes.includes('multipart/form-data')) {
    bodies.push(
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...fixtures.images),
            fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
            fc.constantFrom(
              Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
              Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
              fixtures.images[0]!.subarray(0, 40),
            ),
          ),
          fc.constantFrom('image/png', 'image/svg+xml', 'application/octet-stream'),
        )
        .map(([bytes, type]) => multipart(bytes, type)),
    );
  }
  // Any route: malformed JSON, the wrong content type, or no body at all.
  bodies.push(
    hostileJsonText.map((payload) => ({ payload, headers: { 'content-type': 'application/json' } })),
    fc
      .tuple(hostileValue, fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'text/csv', 'application/x-ndjson'))
      .map(([value, type]) => ({ payload: JSON.stringify(value) ?? '', headers: { 'content-type': type } })),
    fc.constant<{ payload?: string | Buffer; headers: Record<string, string> }>({ headers: {} }),
  );
  const needsBody = operation.bodyTypes.length > 0;
  const body = needsBody || operation.method !== 'GET' ? fc.oneof(...bodies) : bodies.at(-1)!;

  return fc
    .record({
      path,
      query,
      body,
      key: fc.constantFrom<FuzzRequest['key']>('admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'viewer', 'viewer', 'none', 'garbage'),
      idempotencyKey: fc.option(hostileString, { freq: 8 }),
    })
    .map(({ path: url, query: search, body: { payload, headers }, key, idempotencyKey }) => ({
      method: operation.method,
      url: url + search,
      key,
      headers: idempotencyKey === null ? headers : { ...headers, 'idempotency-key': idempotencyKey.replace(/[^\x20-\x7e]/g, '?') },
      ...(payload !== undefined ? { payload } : {}),
    }));
}

async function seed(app: TestApp): Promise<Fixtures> {
  const document = (await app.request({ method: 'GET', url: '/docs/openapi.json' })).json();
  const viewer = (await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'fuzz viewer', role: 'viewer' } })).json();
  const images = await Promise.all([
    sharp({ create: { width: 16, height: 12, channels: 3, background: '#336699' } }).png().toBuffer(),
    sharp({ create: { width: 16, height: 12, channels: 3, background: '#993366' } })
      .jpeg()
      .withExif({ IFD0: { Orientation: '6', Copyright: 'fuzz' } })
      .toBuffer(),
  ]);
  const asset = (await app.request({ method: 'POST', url: '/v1/assets', ...multipart(images[0]!, 'image/png') })).json();
  const items = [];
  for (let i = 0; i < 3; i += 1) {
    const body = { externalId: `fuzz-${i}`, title: `Fuzz item ${i}`, body: 'Mix flour and water.', category: 'recipes', tags: ['t'], imageAssetId: asset.id };
    items.push((await app.request({ method: 'POST', url: '/v1/items', body })).json());
  }
  const [segmentInput] = demoSegments();
  const segment = (await app.request({ method: 'POST', url: '/v1/segments', body: segmentInput })).json();
  await app.request({ method: 'PUT', url: '/v1/users/fuzz-user', body: { attributes: { age: 70 } } });
  const preview = (await app.request({ method: 'POST', url: `/v1/items/${items[0].id}/variants/preview`, body: { segmentIds: [segment.id] } })).json();
  const job = (await app.request({ method: 'POST', url: '/v1/generation-jobs', body: { items: { ids: [items[1].id] }, segmentIds: [segment.id] } })).json();
  const page = (await app.request({ method: 'GET', url: '/v1/items?limit=1' })).json();
  // Wait (within the hook's budget) for the job to finish, so its event stream ends at once.
  while ((await app.request({ method: 'GET', url: `/v1/generation-jobs/${job.id}` })).json().status !== 'completed') {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const spareKeys = [];
  for (let i = 0; i < 3; i += 1) {
    spareKeys.push((await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: `spare ${i}`, role: 'creator' } })).json().apiKey.id);
  }
  const idsByResource: Record<string, string[]> = {
    items: [items[0].id, items[1].id, items[2].id],
    segments: [segment.id],
    users: ['fuzz-user'],
    assets: [asset.id],
    variants: [preview.items?.[0]?.id],
    'generation-jobs': [job.id],
    'api-keys': spareKeys,
  };
  const ids = Object.values(idsByResource).flat();
  expect(ids.every((id) => typeof id === 'string')).toBe(true);
  const FIELD_RESOURCES: [RegExp, string][] = [
    [/^segmentIds?$/, 'segments'],
    [/^(itemIds?|candidateIds|ids)$/, 'items'],
    [/^userIds?$/, 'users'],
    [/^variantIds?$/, 'variants'],
    [/assetIds?$/i, 'assets'],
  ];
  const idsForField = (name: string) => {
    const resource = FIELD_RESOURCES.find(([pattern]) => pattern.test(name))?.[1];
    return resource ? idsByResource[resource] : undefined;
  };
  return { components: document.components.schemas, ids, idsForField, idsByResource, viewerKey: viewer.secret, validCursor: page.nextCursor, images };
}

interface Finding {
  request: string;
  status: number;
  detail: string;
}

describe.each(await availableDatabases())('fuzz of every route (%s)', (kind) => {
  let app: TestApp;
  let fixtures: Fixtures;
  let operations: Operation[];

  beforeAll(async () => {
    // The API runs the jobs itself on both databases, so a job's event stream (which lasts until the
    // job has finished) ends during the fuzz.
    app = await startTestApp(kind, { EMBEDDED_WORKER: 'true' });
    fixtures = await seed(app);
    // Deletes last, so the rows the other routes are fuzzed against still exist.
    const all = operationsOf((await app.request({ method: 'GET', url: '/docs/openapi.json' })).json());
    operations = [...all.filter((o) => o.method !== 'DELETE'), ...all.filter((o) => o.method === 'DELETE')];
  }, 180_000);
  afterAll(() => app?.close());

  it(
    `answers ${REQUESTS[kind]} hostile requests with no 5xx and typed problem+json for every 4xx`,
    async () => {
      expect(operations.length).toBeGreaterThan(30);
      const perOperation = Math.ceil(REQUESTS[kind] / operations.length);
      const findings = new Map<string, Finding>();
      let sent = 0;
      const statuses = new Map<number, number>();
      const succeeded = new Set<string>();
      const started = performance.now();
      for (const [index, operation] of operations.entries()) {
        const requests = fc.sample(requestArbitrary(operation, fixtures), { numRuns: perOperation, seed: SEED + index });
        for (const request of requests) {
          const key = { admin: app.adminKey, viewer: fixtures.viewerKey, none: null, garbage: 'pk_not_a_key' }[request.key];
          const response = await app.request({ method: request.method, url: request.url, key, payload: request.payload, headers: request.headers });
          sent += 1;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode < 300) succeeded.add(`${operation.method} ${operation.path}`);
          const problem = response.statusCode >= 400 ? safeJson(response.body) : null;
          const typed =
            String(response.headers['content-type'] ?? '').startsWith('application/problem+json') &&
            ERROR_CODES.has(problem?.code) &&
            problem?.status === response.statusCode;
          if (response.statusCode >= 500 || (response.statusCode >= 400 && !typed)) {
            const signature = `${operation.method} ${operation.path} → ${response.statusCode} ${problem?.code ?? 'untyped'}`;
            if (!findings.has(signature)) {
              findings.set(signature, {
                request: `${request.method} ${request.url.slice(0, 200)} [${request.key}] ${String(request.payload ?? '').slice(0, 300)}`,
                status: response.statusCode,
                detail: response.body.slice(0, 300),
              });
            }
          }
        }
      }
      // Then every read route once more with the real ids: nothing the fuzz managed to store may break a read.
      for (const operation of operations.filter((o) => o.method === 'GET')) {
        const ids = operation.pathParams.length ? fixtures.idsByResource[operation.path.split('/')[2] ?? ''] ?? fixtures.ids : [''];
        for (const id of ids) {
          const url = operation.pathParams.reduce((path, name) => path.replace(`{${name}}`, id), operation.path);
          const response = await app.request({ method: 'GET', url });
          sent += 1;
          if (response.statusCode >= 500) {
            findings.set(`re-read ${operation.path} → ${response.statusCode}`, { request: `GET ${url}`, status: response.statusCode, detail: response.body.slice(0, 300) });
          }
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
      console.info(`fuzz (${kind}): ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s: ${histogram}`);
      const neverSucceeded = operations.map((o) => `${o.method} ${o.path}`).filter((name) => !succeeded.has(name));
      console.info(`fuzz (${kind}): ${succeeded.size} operations answered 2xx at least once; never: ${neverSucceeded.join(', ')}`);
      expect(sent).toBeGreaterThanOrEqual(REQUESTS[kind]);
      expect([...findings.entries()].map(([signature, finding]) => ({ signature, ...finding }))).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
