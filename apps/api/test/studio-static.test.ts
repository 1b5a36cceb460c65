import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

// A stand-in build (what `vite build` writes: index.html plus content-hashed assets).
function fakeStudioBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'persona-studio-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/studio/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log("studio")');
  return dir;
}

describe('the studio served from the API origin', () => {
  let app: TestApp;
  let studioDir: string;
  beforeAll(async () => {
    studioDir = fakeStudioBuild();
    app = await startTestApp('pglite', { STUDIO_DIR: studioDir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(studioDir, { recursive: true, force: true });
  });

  it('serves index.html for the studio root and every client route, revalidated each time', async () => {
    for (const url of ['/studio', '/studio/', '/studio/catalog', '/studio/catalog/itm_1/edit?x=1']) {
      const res = await app.request({ method: 'GET', url, key: null });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for good, and answers a missing asset with a 404 rather than the page', async () => {
    const asset = await app.request({ method: 'GET', url: '/studio/assets/index-abc123.js', key: null });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.request({ method: 'GET', url: '/studio/assets/gone-000.js', key: null });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('leaves the API and its docs as they were', async () => {
    expect((await app.request({ method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    expect((await app.request({ method: 'GET', url: '/v1/me', key: null })).statusCode).toBe(401);
    expect((await app.request({ method: 'GET', url: '/docs/', key: null })).statusCode).toBe(200);
  });
});

describe('without a studio build', () => {
  it('says how to build it instead of failing obscurely', async () => {
    const app = await startTestApp('pglite', { STUDIO_DIR: join(tmpdir(), 'persona-no-studio-here') });
    try {
      const res = await app.request({ method: 'GET', url: '/studio/catalog', key: null });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', title: 'Studio not built' });
      expect(res.json().detail).toContain('npm run build');
    } finally {
      await app.close();
    }
  });
});
