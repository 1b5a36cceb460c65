import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { DIST_DIR, routeChunkSizes, SIGN_IN_CHUNK } from '../scripts/route-chunks.mjs';

type Sizes = { entryGzip: number; routes: { route: string; ownGzip: number; totalGzip: number }[] };
const BUDGET = 250 * 1024;

describe('route-level code splitting (measured on the production build)', () => {
  it('keeps the first route (sign-in) within 250 kB of gzipped JavaScript, and every other route too', () => {
    expect(existsSync(join(DIST_DIR as string, '.vite/manifest.json')), 'run "npm run build -w @persona/studio" first').toBe(true);
    const { routes } = routeChunkSizes() as Sizes;
    const signIn = routes.find((r) => r.route === SIGN_IN_CHUNK);
    expect(signIn!.totalGzip).toBeLessThanOrEqual(BUDGET);
    for (const route of routes) expect(route.totalGzip, route.route).toBeLessThanOrEqual(BUDGET);
  });

  it('loads each screen on its own: the catalog, item and import screens are separate chunks', () => {
    const { routes } = routeChunkSizes() as Sizes;
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining(['sign-in.page', 'catalog.page', 'item-detail.page', 'item-create.page', 'import.page']),
    );
    for (const route of routes) expect(route.ownGzip, route.route).toBeGreaterThan(0);
  });
});
