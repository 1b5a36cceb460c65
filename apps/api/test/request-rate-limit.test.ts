import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const LIMIT = 5;
const AUTH_FAILURES = 3;
const BOARD_KEY = 'operator-key-for-the-queue-board-0123456789';

/** A request from a given address, as the rate limiter sees it. */
async function from(app: TestApp, address: string, url: string, headers: Record<string, string> = {}) {
  const res = await app.app.inject({ method: 'GET', url, remoteAddress: address, headers });
  return { status: res.statusCode, headers: res.headers, json: () => res.json() };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function expectTooMany(res: Awaited<ReturnType<typeof from>>, windowSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe('request rate limit per key, in Redis shared by API instances', () => {
  // Two API instances (each its own database) sharing one Redis namespace, as two replicas would.
  const env = {
    QUEUE_PREFIX: `persona-test-${randomUUID()}`,
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_WINDOW_MS: '60000',
    EMBEDDED_WORKER: 'false',
  };
  let a: TestApp;
  let b: TestApp;
  let viewerKey: string;
  const sharedKey = `pk_shared-${randomUUID()}`;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp('pglite', env), startTestApp('pglite', env)]);
    viewerKey = (await a.workspaces.createApiKey(a.workspaceId, { name: 'viewer', role: 'viewer' })).secret;
    // The same key known to both instances, as one shared database would make it.
    await a.workspaces.createWorkspace('shared A', sharedKey);
    await b.workspaces.createWorkspace('shared B', sharedKey);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it(`answers the ${LIMIT + 1}th request of a key in a window with 429 problem+json and Retry-After; other keys go on`, async () => {
    for (let n = 1; n <= LIMIT; n++) {
      const res = await from(a, '10.1.0.1', '/v1/me', bearer(a.adminKey));
      expect(res.status).toBe(200);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBe(LIMIT - n);
    }
    expectTooMany(await from(a, '10.1.0.1', '/v1/me', bearer(a.adminKey)), 60);
    // The same key from another address is the same budget; another key from the same address is not.
    expectTooMany(await from(a, '10.1.0.2', '/v1/me', { 'x-api-key': a.adminKey }), 60);
    expect((await from(a, '10.1.0.1', '/v1/me', bearer(viewerKey))).status).toBe(200);
    // Probes are never limited.
    for (let n = 0; n < LIMIT * 2; n++) {
      expect((await from(a, '10.1.0.1', '/healthz', bearer(a.adminKey))).status).toBe(200);
      expect((await from(a, '10.1.0.1', '/readyz', bearer(a.adminKey))).status).toBe(200);
    }
  });

  it('counts a key once across instances sharing Redis', async () => {
    for (const app of [a, b, a, b, a]) expect((await from(app, '10.1.0.3', '/v1/me', bearer(sharedKey))).status).toBe(200);
    expectTooMany(await from(b, '10.1.0.3', '/v1/me', bearer(sharedKey)), 60);
    expectTooMany(await from(a, '10.1.0.3', '/v1/me', bearer(sharedKey)), 60);
  });

  it('limits requests without a key by address', async () => {
    for (let n = 0; n < LIMIT; n++) expect((await from(b, '10.1.0.4', '/docs/openapi.json')).status).toBe(200);
    expectTooMany(await from(b, '10.1.0.4', '/v1/items'), 60);
    expect((await from(b, '10.1.0.5', '/docs/openapi.json')).status).toBe(200);
  });
});

describe('failed authentication throttle', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', {
      AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES),
      RATE_LIMIT_WINDOW_MS: '60000',
      QUEUE_BOARD_KEY: BOARD_KEY,
      EMBEDDED_WORKER: 'false',
    });
  });
  afterAll(() => app?.close());

  it(`refuses an address after ${AUTH_FAILURES} wrong keys with 429, before looking its next key up`, async () => {
    const lookups = vi.spyOn(app.workspaces, 'authenticate');
    for (let n = 0; n < AUTH_FAILURES; n++) {
      const res = await from(app, '10.2.0.1', '/v1/items', bearer(`pk_guess-${n}`));
      expect(res.status).toBe(401);
    }
    expect(lookups).toHaveBeenCalledTimes(AUTH_FAILURES);
    // Now even the right key from that address waits: a guesser cannot tell a hit from a miss.
    for (const key of ['pk_guess-next', app.adminKey]) expectTooMany(await from(app, '10.2.0.1', '/v1/items', bearer(key)), 60);
    expect(lookups).toHaveBeenCalledTimes(AUTH_FAILURES);
    // Other addresses, and requests without a key (nothing to guess), are not affected.
    expect((await from(app, '10.2.0.2', '/v1/items', bearer(app.adminKey))).status).toBe(200);
    expect((await from(app, '10.2.0.1', '/v1/items')).status).toBe(401);
    lookups.mockRestore();
  });

  it('counts wrong keys at the queue board the same way', async () => {
    for (let n = 0; n < AUTH_FAILURES; n++) {
      expect((await from(app, '10.2.0.3', '/admin/queues/api/queues', bearer(`board-guess-${n}`))).status).toBe(401);
    }
    expectTooMany(await from(app, '10.2.0.3', '/admin/queues/api/queues', bearer(BOARD_KEY)), 60);
    expect((await from(app, '10.2.0.4', '/admin/queues/api/queues', bearer(BOARD_KEY))).status).toBe(200);
  });
});
