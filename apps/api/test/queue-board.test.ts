import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATION_QUEUE, MAINTENANCE_QUEUE } from '../src/jobs/job-queues.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const basic = (password: string, user = 'admin') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface BoardQueue {
  name: string;
  counts: Record<string, number>;
  jobs: { id: string; name: string; data: unknown }[];
}

describe('Bull Board at /admin/queues', () => {
  let app: TestApp;
  let creatorKey: string;
  let generation: Queue;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const res = await app.request({ method: 'POST', url: '/v1/api-keys', body: { name: 'creator', role: 'creator' } });
    expect(res.statusCode).toBe(201);
    creatorKey = res.json().secret;
    generation = app.app.get<Queue>(getQueueToken(GENERATION_QUEUE));
  });
  afterAll(() => app.close());

  const boardQueues = async (query = ''): Promise<BoardQueue[]> => {
    const res = await app.request({ method: 'GET', url: `/admin/queues/api/queues${query}` });
    expect(res.statusCode).toBe(200);
    return res.json().queues;
  };

  it.each(['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png', '/admin/queues/nope'])(
    'answers 401 problem+json with a Basic challenge without a key: %s',
    async (url) => {
      const res = await app.request({ method: 'GET', url, key: null });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="Bull Board"');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    },
  );

  it('answers 401 to an unknown key, whichever way it is sent', async () => {
    const sends: Record<string, string>[] = [{ authorization: 'Bearer pk_nope' }, { 'x-api-key': 'pk_nope' }, { authorization: basic('pk_nope') }];
    for (const headers of sends) {
      const res = await app.request({ method: 'GET', url: '/admin/queues', key: null, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 problem+json to a creator key, on the page and on its API', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await app.request({ method: 'GET', url, key: creatorKey });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    const viaBasic = await app.request({ method: 'GET', url: '/admin/queues', key: null, headers: { authorization: basic(creatorKey) } });
    expect(viaBasic.statusCode).toBe(403);
  });

  it('serves the board to an admin key via Bearer, x-api-key and Basic auth', async () => {
    const sends: { key?: null; headers?: Record<string, string> }[] = [
      {},
      { key: null, headers: { 'x-api-key': app.adminKey } },
      { key: null, headers: { authorization: basic(app.adminKey) } },
      { key: null, headers: { authorization: basic('', app.adminKey) } },
    ];
    for (const send of sends) {
      const res = await app.request({ method: 'GET', url: '/admin/queues', ...send });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<base href="/admin/queues/" />');
    }
    const asset = await app.request({ method: 'GET', url: '/admin/queues/static/favicon-32x32.png' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('image/png');
    const unknown = await app.request({ method: 'GET', url: '/admin/queues/nope/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('lists both queues in its JSON API', async () => {
    const queues = await boardQueues();
    expect(queues.map((q) => q.name).sort()).toEqual([GENERATION_QUEUE, MAINTENANCE_QUEUE].sort());
  });

  it('shows a job added to the generation queue', async () => {
    // Delayed, so the embedded worker leaves it where the board can see it.
    const job = await generation.add('board-probe', { probe: true }, { jobId: 'board-probe', delay: 10 * 60_000 });
    try {
      const queues = await boardQueues(`?activeQueue=${GENERATION_QUEUE}&status=delayed&page=1&jobsPerPage=10`);
      const queue = queues.find((q) => q.name === GENERATION_QUEUE)!;
      expect(queue.counts.delayed).toBe(1);
      expect(queue.jobs).toEqual([expect.objectContaining({ id: 'board-probe', name: 'board-probe', data: { probe: true } })]);
    } finally {
      await job.remove();
    }
  });

  it('shows the flow of a generation job submitted through the API', async () => {
    const item = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Lemon risotto', body: 'Toast 320 g of rice.', category: 'recipes' } })).json();
    const segment = (
      await app.request({
        method: 'POST',
        url: '/v1/segments',
        body: {
          name: 'Seniors',
          rule: { attr: 'age', gte: 65 },
          style: { persona: 'Retired readers.', readingGrade: 6, targetWords: 80, tone: 'calm', format: 'steps', visual: { palette: ['#1f3a5f'], fontScale: 1.6 } },
        },
      })
    ).json();
    const submitted = await app.request({
      method: 'POST',
      url: '/v1/generation-jobs',
      body: { items: { ids: [item.id] }, segmentIds: [segment.id], kinds: ['text'], engine: 'template' },
    });
    expect(submitted.statusCode).toBe(202);
    const jobId: string = submitted.json().id;
    await expect
      .poll(
        async () => {
          const [queue] = (await boardQueues(`?activeQueue=${GENERATION_QUEUE}&status=latest&page=1&jobsPerPage=50`)).filter(
            (q) => q.name === GENERATION_QUEUE,
          );
          return queue!.jobs.map((j) => j.id);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toContain(`${jobId}.finish.r0`);
  });
});
