// `npm run bench:studio`: a benchmark, not a test. It prints (1) the gzip size of the JavaScript
// each route loads, from the build's manifest, and (2) in Debian's Chromium, the time from
// navigation to the first rows of the catalog table on an API holding 10,000 items against the
// same page on an API holding 50, measured in the same run, alternating, median of several runs.
// Both APIs are real processes (`npm start`'s dist) on scratch PGlite directories; the items are
// created through the bulk import endpoint. Figures go to BENCHMARKS.md by hand.
import { launchChromium } from '../test/e2e/browser.js';
import { startPlatform, type PlatformProcess } from '../test/support/platform-process.js';
// @ts-expect-error a plain .mjs script without types; its result shape is checked below.
import { routeChunkSizes } from '../scripts/route-chunks.mjs';

const LARGE = 10_000;
const SMALL = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const IMPORT_CHUNK = 2_000;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const { entryGzip, routes } = routeChunkSizes() as { entryGzip: number; routes: { route: string; ownGzip: number; totalGzip: number }[] };
console.log(`Route chunks (gzip level 9): entry ${kB(entryGzip)}`);
console.log('| route | own chunk(s) | total on first load |\n|---|---|---|');
for (const r of routes) console.log(`| ${r.route} | ${kB(r.ownGzip)} | ${kB(r.totalGzip)} |`);

/** Items like a real catalog's: a title, a paragraph, a category and tags. */
async function importItems(platform: PlatformProcess, count: number): Promise<void> {
  for (let start = 0; start < count; start += IMPORT_CHUNK) {
    const lines = [];
    for (let i = start; i < Math.min(count, start + IMPORT_CHUNK); i++) {
      lines.push(
        JSON.stringify({
          externalId: `bench-${i}`,
          title: `Bench item ${i}: a guide to ${['slow cooking', 'city walks', 'home workouts', 'saving money'][i % 4]}`,
          body: `Item ${i}. A short paragraph of text, as long as a catalog entry's summary tends to be, so rows carry real weight.`,
          category: ['recipes', 'travel', 'fitness', 'finance'][i % 4],
          tags: [`tag-${i % 25}`, `group-${i % 7}`],
        }),
      );
    }
    const response = await fetch(`${platform.origin}/v1/items/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminKey}`, 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
    const report = (await response.json()) as { created?: number };
    if (!response.ok || report.created !== lines.length) throw new Error(`import failed: ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const platforms: PlatformProcess[] = [];
const browser = await launchChromium();
try {
  const [large, small] = await Promise.all([startPlatform({ seedDemoData: false, readyWithinMs: 600_000 }), startPlatform({ seedDemoData: false, readyWithinMs: 600_000 })]);
  platforms.push(large, small);
  const started = performance.now();
  await Promise.all([importItems(large, LARGE), importItems(small, SMALL)]);
  console.log(`\nFixture: ${LARGE} and ${SMALL} items imported in ${((performance.now() - started) / 1000).toFixed(1)} s (two API processes, scratch PGlite)`);

  /** One cold load (fresh context, empty cache) of /studio/catalog: ms from navigation start to the first body row. */
  async function firstRowsMs(platform: PlatformProcess): Promise<number> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      await context.addInitScript((key: string) => {
        sessionStorage.setItem('persona.studio.apiKey', key);
        // Timestamped by the page itself, relative to its navigation start, the moment a row links to an item.
        const observer = new MutationObserver(() => {
          if (document.querySelector('tbody tr a[href*="/catalog/itm_"]')) {
            (window as unknown as { firstRowsAt: number }).firstRowsAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      }, platform.adminKey);
      const page = await context.newPage();
      await page.goto(`${platform.origin}/studio/catalog`);
      const handle = await page.waitForFunction(() => (window as unknown as { firstRowsAt?: number }).firstRowsAt, undefined, { timeout: 120_000 });
      return (await handle.jsonValue()) as number;
    } finally {
      await context.close();
    }
  }

  // One warm-up each (the API's first query plans, the OS file cache), then alternating runs.
  await firstRowsMs(large);
  await firstRowsMs(small);
  const timings = { large: [] as number[], small: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    timings.large.push(await firstRowsMs(large));
    timings.small.push(await firstRowsMs(small));
  }
  const [l, s] = [median(timings.large), median(timings.small)];
  console.log(`\nNavigation to the first catalog rows, cold context, median of ${RUNS} alternating runs:`);
  console.log(`| catalog size | median | runs (ms) |\n|---|---|---|`);
  console.log(`| ${SMALL} items | ${s.toFixed(0)} ms | ${timings.small.map((t) => t.toFixed(0)).join(', ')} |`);
  console.log(`| ${LARGE} items | ${l.toFixed(0)} ms | ${timings.large.map((t) => t.toFixed(0)).join(', ')} |`);
  console.log(`\nRatio ${LARGE} / ${SMALL} items: ${(l / s).toFixed(2)}×`);
} finally {
  await browser.close();
  await Promise.all(platforms.map((p) => p.stop()));
}
