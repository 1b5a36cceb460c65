// `npm run size -w @persona/studio`: the gzip size of the JavaScript each route loads, read from
// the build's manifest (the entry's chunks plus the route's lazy chunk and everything it imports).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SHELL_CHUNK = 'app-shell';
export const SIGN_IN_CHUNK = 'sign-in.page';
export const DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '../dist');

export function routeChunkSizes(distDir = DIST_DIR) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8'));
  const gzipped = new Map();
  const sizeOf = (file) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
    return gzipped.get(file);
  };
  // A chunk and its static imports: what the browser must fetch before the module runs.
  const closure = (key, into = new Set()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const imported of manifest[key].imports ?? []) closure(imported, into);
    return into;
  };
  const bytes = (keys) => [...keys].reduce((sum, key) => sum + sizeOf(manifest[key].file), 0);

  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entry = closure(entryKey);
  const lazy = manifest[entryKey].dynamicImports ?? [];
  // Screens behind sign-in render inside the app shell, so they load its chunk too.
  const shellKey = lazy.find((key) => manifest[key].name === SHELL_CHUNK);
  const routes = lazy
    .filter((key) => key !== shellKey)
    .map((key) => {
      const own = closure(key);
      const loads = new Set([...own, ...(manifest[key].name === SIGN_IN_CHUNK || !shellKey ? [] : closure(shellKey))]);
      return {
        route: manifest[key].name ?? key,
        ownGzip: bytes([...own].filter((k) => !entry.has(k))),
        totalGzip: bytes(new Set([...entry, ...loads])),
      };
    });
  return { entryGzip: bytes(entry), routes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entryGzip, routes } = routeChunkSizes();
  const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`entry (React, router, query, API client): ${kB(entryGzip)} gzip`);
  for (const { route, ownGzip, totalGzip } of routes) console.log(`${route.padEnd(20)} own ${kB(ownGzip).padStart(9)}   route total ${kB(totalGzip).padStart(9)}`);
}
