import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_MS, interval: 200 });

/** expect.poll for a hook (it only works inside a test): reads until the condition holds, or fails after a step's patience. */
async function until<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${STEP_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Served {
  servedId: string;
  itemId: string;
  variant: { id: string } | null;
  reason: string | null;
}
interface Test {
  itemId: string;
  segmentId: string;
  exposures: number;
  arms: { arm: string; exposures: number; clicks: number }[];
  sampleRatio: { mismatch: boolean; observed: Record<string, number> } | null;
}

/**
 * The "feed as a user" and Insights screens against a real API process, with everything seeded
 * through the public API: a segment of our own, users in it, approved variants for two items, real
 * feeds (exposures logged by the server) and clicks sent back with their servedIds. The uniform
 * test of one item is skewed the way it happens in production: a variant approved mid-test joins
 * late, so its share of first exposures is far below an even split.
 */
describe('feed as a user and insights, in real Chromium against a real API process', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let page: Page;
  let segment: { id: string; name: string };
  let style: { targetWords: number };
  let skewed: string;
  let healthy: string;
  let lateVariant: { id: string; title: string };
  let healthyVariant: { id: string; title: string };
  const USERS = 100;
  const LATE_FROM = 80; // users 80..99 are served after the late variant is approved

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<T> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }

  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
  }

  /** Text and image variants for the segment (offline engines), approved; returns the text variant. */
  async function approvedVariant(itemId: string, targetWords?: number) {
    // A segment's style is part of a variant's inputs: a new target length gives the item a new variant.
    if (targetWords) await api('PATCH', `/v1/segments/${segment.id}`, { style: { ...style, targetWords } });
    const { items } = await api<{ items: { id: string; kind: string; text: { title: string } | null }[] }>('POST', `/v1/items/${itemId}/variants/preview`, {
      segmentIds: [segment.id],
      kinds: ['text', 'image'],
      textEngine: 'template',
      imageEngine: 'sharp',
      formats: ['square', 'story'],
    });
    for (const variant of items) await api('PATCH', `/v1/variants/${variant.id}`, { status: 'approved' });
    const text = items.find((v) => v.kind === 'text')!;
    return { id: text.id, title: text.text!.title };
  }

  const testsFor = async (itemId: string) =>
    (await api<{ tests: Test[] }>('GET', `/v1/insights/variants?itemId=${itemId}&segmentId=${segment.id}`)).tests;

  /** One real feed per user; clicks go back with the servedId, at a rate that depends on the arm. */
  async function serve(from: number, to: number, clickEvery: (itemId: string, arm: string) => number) {
    const seen = new Map<string, number>();
    for (let u = from; u < to; u++) {
      const userId = `feed-e2e-${u}`;
      const feed = await api<{ items: Served[] }>('GET', `/v1/users/${userId}/feed?limit=30`);
      const events = [];
      for (const item of feed.items.filter((i) => i.itemId === skewed || i.itemId === healthy)) {
        const arm = item.variant?.id ?? 'control';
        const key = `${item.itemId}/${arm}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n % clickEvery(item.itemId, arm) === 0) events.push({ id: `click-${item.servedId}`, userId, itemId: item.itemId, type: 'click', servedId: item.servedId });
      }
      if (events.length) await api('POST', '/v1/events', { events });
    }
  }

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    const [demo] = (await api<{ items: { style: { targetWords: number } }[] }>('GET', '/v1/segments?limit=1')).items;
    style = demo!.style;
    segment = await api('POST', '/v1/segments', {
      name: 'Feed e2e cohort',
      rule: { attr: 'cohort', eq: 'feed-e2e' },
      priority: 1000,
      style,
    });
    await api('POST', '/v1/users/bulk', {
      users: [
        ...Array.from({ length: USERS }, (_, u) => ({ id: `feed-e2e-${u}`, attributes: { cohort: 'feed-e2e', age: 30 + (u % 40) } })),
        // Never served and never clicking: a cold-start user whose feed still holds both test items.
        { id: 'feed-e2e-newcomer', attributes: { cohort: 'feed-e2e', age: 41 } },
      ],
    });
    // Choose afresh at every request (no sticky window), uniformly over control and the approved variants.
    await api('PATCH', '/v1/delivery/settings', { policy: 'uniform', controlEnabled: true, stickyWindowSeconds: 0 });
    // The two items every user of the cohort is served first (a cold-start ranking, the same for all of them).
    const first = await api<{ segment: { id: string } | null; items: Served[] }>('GET', `/v1/users/feed-e2e-0/feed?limit=30&preview=true`);
    expect(first.segment?.id).toBe(segment.id);
    [skewed, healthy] = [first.items[0]!.itemId, first.items[1]!.itemId];
    await approvedVariant(skewed);
    healthyVariant = await approvedVariant(healthy);

    // Phase one: two arms per item. Phase two: a third arm joins the skewed item's test late.
    const rates = (itemId: string, arm: string) => (arm === 'control' ? 5 : itemId === skewed ? 2 : 3);
    await serve(0, LATE_FROM, rates);
    lateVariant = await approvedVariant(skewed, style.targetWords + 40);
    await serve(LATE_FROM, USERS, rates);
    // Exposures are group-committed: wait until the log has them all.
    for (const itemId of [skewed, healthy]) {
      await until(async () => (await testsFor(itemId))[0]?.exposures ?? 0, (n) => n >= USERS * 0.9, `exposures of ${itemId}`);
    }
    // From now on the most recently approved variant is served: the feed screen shows it deterministically.
    await api('PATCH', '/v1/delivery/settings', { policy: 'fixed' });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    await page.goto(`${platform.origin}/studio/`);
    await page.getByLabel('API key').fill(platform.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('the API saw a skewed uniform split on one item and an even one on the other', async () => {
    const [skewedTest] = await testsFor(skewed);
    const [healthyTest] = await testsFor(healthy);
    expect(skewedTest!.arms.map((a) => a.arm)).toContain(lateVariant.id);
    expect(skewedTest!.sampleRatio?.mismatch).toBe(true);
    expect(healthyTest!.sampleRatio?.mismatch).toBe(false);
    expect(skewedTest!.arms.reduce((n, a) => n + a.clicks, 0)).toBeGreaterThan(0);
  });

  it("shows a user's segment, each item in its served variant, and both rankings without logging an exposure", async () => {
    const before = (await testsFor(skewed))[0]!.exposures;
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    await page.getByRole('heading', { name: 'Feed as a user' }).waitFor();
    await page.getByText('No user chosen').waitFor();
    await checkScreen('feed-01-no-user');

    await page.getByLabel('User id').fill('feed-e2e-newcomer');
    await page.getByRole('button', { name: 'Show feed' }).click();
    await page.waitForURL(/[?&]userId=feed-e2e-newcomer/);
    await poll(() => page.getByTestId('user-segment').textContent()).toBe('Feed e2e cohort');
    const served = page.getByRole('list', { name: 'Served items' }).getByTestId('served-item');
    await poll(() => served.count()).toBeGreaterThan(2);

    // The skewed item is served in the late variant (policy fixed), with its text.
    const skewedCard = served.filter({ hasText: lateVariant.title });
    expect(await skewedCard.getByTestId('served-as').textContent()).toContain(`Variant ${lateVariant.id}`);
    // The healthy item's variant came with an approved image: the square rendition of it.
    const healthyCard = served.filter({ hasText: healthyVariant.title });
    expect(await healthyCard.getByTestId('served-as').textContent()).toBe(`Variant ${healthyVariant.id} with its image`);
    expect(await healthyCard.getByText('square rendition').count()).toBe(1);
    // Items without an approved variant are served as originals, and the screen says why.
    await poll(() => page.getByText("Original, because the item has no approved variant for the user's segment").count()).toBeGreaterThan(0);

    // Both rankers for the same user; without an LLM endpoint the LLM column says so with the API's reason.
    const classical = page.getByRole('list', { name: 'Classical ranking' }).getByRole('listitem');
    await poll(() => classical.count()).toBeGreaterThan(2);
    expect(await page.getByTestId('classical-engine').textContent()).toBe('classical');
    const reason = (await api<{ fallbackReason: string }>('GET', '/v1/users/feed-e2e-newcomer/recommendations?engine=llm&limit=10')).fallbackReason;
    expect(reason).toBeTruthy();
    await poll(() => page.getByTestId('llm-fallback-reason').textContent()).toBe(reason);
    expect(await page.getByRole('list', { name: 'LLM ranking' }).count()).toBe(0);
    await checkScreen('feed-02-user');

    // Another channel format: the variant's story rendition.
    await page.getByLabel('Channel format').selectOption('story');
    await page.waitForURL(/[?&]format=story/);
    await poll(() => healthyCard.getByText('story rendition').count()).toBe(1);
    const image = healthyCard.getByRole('img', { name: `Variant image of ${healthyVariant.title}` });
    await poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.naturalHeight > img.naturalWidth)).toBe(true);
    await checkScreen('feed-03-story-format');

    // Looking was a preview: the exposure log did not grow.
    expect((await testsFor(skewed))[0]!.exposures).toBe(before);

    // A user that does not exist: the API's problem, readable.
    await page.getByLabel('User id').fill('nobody-at-all');
    await page.getByRole('button', { name: 'Show feed' }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toMatch(/not found/i);
    await checkScreen('feed-04-unknown-user');
  });

  it('charts every test with intervals and warns about the skewed split', async () => {
    await page.getByRole('link', { name: 'Insights', exact: true }).click();
    await page.getByRole('heading', { name: 'Insights', exact: true }).waitFor();
    await poll(() => page.getByTestId('variant-test').count()).toBeGreaterThanOrEqual(2);

    // Exactly one test carries the warning: the skewed one, naming the late arm's small count.
    const warnings = page.getByTestId('srm-warning');
    await poll(() => warnings.count()).toBe(1);
    const [skewedApi] = await testsFor(skewed);
    const lateCount = skewedApi!.sampleRatio!.observed[lateVariant.id]!;
    expect(await warnings.textContent()).toContain(`Variant …${lateVariant.id.slice(-6)} ${lateCount}`);
    // Each arm's CTR with its 95% interval, as numbers beside the chart; the charts drew bars with error bars.
    await poll(() => page.getByTestId('arm-ctr').first().textContent()).toMatch(/^\d+\.\d% \(\d+\.\d% – \d+\.\d%\)$/);
    await poll(() => page.locator('.recharts-errorBar').count()).toBeGreaterThan(3);
    await page.getByRole('table', { name: 'Personalized against control per segment' }).getByText('Feed e2e cohort', { exact: true }).waitFor();
    await checkScreen('insights-01-all');

    // Filtered to the healthy item: one test, no warning.
    await page.getByLabel('Item id', { exact: true }).fill(healthy);
    await page.getByLabel('Segment', { exact: true }).selectOption(segment.id);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(new RegExp(`itemId=${healthy}`));
    await poll(() => page.getByTestId('variant-test').count()).toBe(1);
    expect(await page.getByTestId('srm-warning').count()).toBe(0);
    await checkScreen('insights-02-one-item');

    // A range with nothing in it: empty states, and a range that ends before it starts: the field to fix.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('From', { exact: true }).fill('2000-01-01');
    await page.getByLabel('To', { exact: true }).fill('2000-01-31');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No tests match').waitFor();
    await page.getByText('No exposures in this range').waitFor();
    await checkScreen('insights-03-empty');
    await page.getByLabel('From', { exact: true }).fill('2000-02-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await poll(() => page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkScreen('insights-04-bad-range');
  });

  it('a viewer key sees the same screens, read-only, and its looking is a preview too', async () => {
    const { secret } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'feed e2e viewer', role: 'viewer' });
    const before = (await testsFor(healthy))[0]!.exposures;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await page.goto(`${platform.origin}/studio/feed?userId=feed-e2e-newcomer`);
    const served = page.getByRole('list', { name: 'Served items' }).getByTestId('served-item');
    await poll(() => served.filter({ hasText: healthyVariant.title }).count()).toBe(1);
    await page.getByRole('link', { name: 'Insights', exact: true }).click();
    await poll(() => page.getByTestId('srm-warning').count()).toBe(1);
    // Neither screen has anything to write with.
    expect(await page.getByRole('button', { name: /approve|delete|save|create/i }).count()).toBe(0);
    expect((await testsFor(healthy))[0]!.exposures).toBe(before);
    await checkScreen('insights-05-viewer');
  });
});
