import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_MS, interval: 100 });

interface Variant {
  id: string;
  segmentId: string;
  kind: 'text' | 'image';
  status: string;
  guardrails: { status: string };
}

/** Variant review in real Chromium against a real API process: the item matrix, edits, the queue, a viewer. */
describe('variant review in real Chromium against a real API process', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let page: Page;
  let viewerKey: string;
  let item: { id: string; title: string };
  let segments: { id: string; name: string }[];

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<T> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }
  const variantStatus = async (id: string) =>
    (await api<{ items: Variant[] }>('GET', `/v1/variants?status=any&limit=200`)).items.find((v) => v.id === id)?.status;

  /** Every screen visited: no WCAG 2 A/AA violation, and a screenshot that is not blank. */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    segments = (await api<{ items: { id: string; name: string }[] }>('GET', '/v1/segments')).items.slice(0, 2);
    const items = (await api<{ items: { id: string; title: string; imageAssetId: string | null }[] }>('GET', '/v1/items?category=recipes&limit=20')).items;
    item = items.find((i) => i.imageAssetId)!;
    const segmentIds = segments.map((s) => s.id);
    // Offline engines: text for both segments, and an image in every channel format.
    await api('POST', `/v1/items/${item.id}/variants/preview`, {
      segmentIds,
      kinds: ['text', 'image'],
      textEngine: 'template',
      imageEngine: 'sharp',
      formats: ['square', 'portrait', 'story', 'landscape'],
    });
    // Drafts on two other items, so the queue spans items.
    for (const other of items.filter((i) => i.id !== item.id).slice(0, 2)) {
      await api('POST', `/v1/items/${other.id}/variants/preview`, { segmentIds, kinds: ['text'], textEngine: 'template' });
    }
    ({ secret: viewerKey } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'review viewer', role: 'viewer' }));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  const card = (subject: string) => page.getByRole('article', { name: subject, exact: true });

  it("shows an item's variants as a segments × kinds matrix, renditions in their real aspect ratios, with provenance", async () => {
    await signIn(platform.adminKey);
    await page.goto(`${platform.origin}/studio/catalog/${item.id}`);
    await page.getByRole('link', { name: 'Review variants' }).click();
    await page.getByRole('heading', { name: `Variants of “${item.title}”` }).waitFor();
    const matrix = page.getByRole('table', { name: 'Variants by segment and kind' });
    for (const segment of segments) await matrix.getByRole('rowheader', { name: segment.name }).waitFor();

    // Each frame has the shape of its channel: 1:1, 4:5, 9:16, 1.91:1.
    const image = card(`image for ${segments[0]!.name}`);
    const frames = image.getByTestId('rendition-frame');
    expect(await frames.count()).toBe(4);
    const ratios: Record<string, number> = {};
    for (let i = 0; i < 4; i += 1) {
      const box = (await frames.nth(i).boundingBox())!;
      ratios[(await frames.nth(i).getAttribute('data-format'))!] = box.width / box.height;
    }
    expect(ratios.square).toBeCloseTo(1, 1);
    expect(ratios.portrait).toBeCloseTo(0.8, 1);
    expect(ratios.story).toBeCloseTo(9 / 16, 1);
    expect(ratios.landscape).toBeCloseTo(1.91, 1);
    await poll(() => image.getByRole('img').count()).toBe(4);

    // Two segments' texts compared word by word.
    const diff = page.getByTestId('segment-diff');
    await diff.waitFor();
    expect(await diff.locator('ins, del').count()).toBeGreaterThan(0);
    await checkScreen('review-01-item-variants');

    const text = card(`text for ${segments[0]!.name}`);
    await text.getByRole('button', { name: `Provenance of text for ${segments[0]!.name}` }).click();
    const sheet = page.getByRole('dialog', { name: 'Provenance' });
    await sheet.waitFor();
    const provenance = await sheet.getByTestId('provenance').textContent();
    expect(provenance).toMatch(/Enginetemplate/);
    expect(provenance).toMatch(/Tokens0 prompt \+ 0 completion/);
    expect(provenance).toMatch(/Fallback reason/);
    await checkScreen('review-02-provenance');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('edits a variant inline and shows the guardrail checks before and after, then approves another', async () => {
    const edited = card(`text for ${segments[0]!.name}`);
    await edited.getByRole('button', { name: 'Edit' }).click();
    await edited.getByLabel('CTA').fill('Order at cheap-pasta.shop today');
    await edited.getByRole('button', { name: 'Save edit' }).click();
    const comparison = edited.getByRole('table', { name: 'Guardrail checks before and after the edit' });
    await comparison.waitFor();
    const unsafe = comparison.getByRole('row', { name: /unsafe-content/ });
    expect(await unsafe.getAttribute('data-changed')).toBe('true');
    expect(await unsafe.getByRole('cell').nth(0).textContent()).toMatch(/Pass/);
    expect(await unsafe.getByRole('cell').nth(1).textContent()).toMatch(/Fail/);
    await edited.getByText('Edited by a person').waitFor();
    await checkScreen('review-03-edit-before-after');

    const approved = card(`text for ${segments[1]!.name}`);
    const id = (await approved.getAttribute('data-variant-id'))!;
    await approved.getByRole('button', { name: 'Approve' }).click();
    await approved.getByText('Approved', { exact: true }).waitFor();
    expect(await variantStatus(id)).toBe('approved');

    // Generate for a segment the item has no variant for yet: a new row in the matrix, as drafts.
    const all = (await api<{ items: { id: string; name: string }[] }>('GET', '/v1/segments')).items;
    const third = all.find((s) => !segments.some((known) => known.id === s.id))!;
    await page.getByRole('checkbox', { name: third.name }).check();
    await page.getByLabel('Text engine').selectOption('template');
    await page.getByRole('button', { name: 'Generate variants' }).click();
    await page.getByText('1 variant ready for review.').waitFor();
    const matrix = page.getByRole('table', { name: 'Variants by segment and kind' });
    await matrix.getByRole('rowheader', { name: third.name }).waitFor();
    expect(await card(`text for ${third.name}`).getByText('Awaiting review').count()).toBe(1);
  });

  it('reviews the queue across items with the keyboard: next, approve, reject', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByRole('region', { name: 'Keyboard shortcuts' }).waitFor();
    const list = page.getByRole('list', { name: 'Variants to review' });
    await list.getByRole('article').nth(3).waitFor();
    const drafts = (await api<{ items: Variant[] }>('GET', '/v1/variants?limit=200')).items;
    expect(await list.getByRole('article').count()).toBe(drafts.length);
    const active = () => page.locator('article[data-active]').getAttribute('data-variant-id');
    expect(await active()).toBe(drafts[0]!.id);
    await checkScreen('review-04-queue');

    await page.keyboard.press('j');
    await poll(active).toBe(drafts[1]!.id);
    await page.keyboard.press('ArrowDown');
    await poll(active).toBe(drafts[2]!.id);
    await page.keyboard.press('k');
    await poll(active).toBe(drafts[1]!.id);
    await page.keyboard.press('a');
    await poll(() => variantStatus(drafts[1]!.id)).toBe('approved');
    // A decision moves on to the next variant, and shows in place.
    await poll(active).toBe(drafts[2]!.id);
    await page.keyboard.press('r');
    await poll(() => variantStatus(drafts[2]!.id)).toBe('rejected');
    await poll(active).toBe(drafts[3]!.id);
    await list.getByRole('article').nth(1).getByText('Approved', { exact: true }).waitFor();
    await list.getByRole('article').nth(2).getByText('Rejected', { exact: true }).waitFor();
    expect(await variantStatus(drafts[0]!.id)).toBe(drafts[0]!.status);
    await checkScreen('review-05-queue-decided');

    // Filters live in the URL, so the jobs screen can link here; a filter that matches nothing says so.
    await page.getByLabel('Kind').selectOption('image');
    await page.waitForURL(/[?&]kind=image/);
    await poll(() => list.getByRole('article').count()).toBe(drafts.filter((v) => v.kind === 'image').length);
    await list.getByTestId('rendition-frame').first().waitFor();
    await checkScreen('review-06-queue-images');
    await page.goto(`${platform.origin}/studio/review?jobId=job_without_variants`);
    await page.getByText('No variant matches these filters').waitFor();
    await page.getByRole('button', { name: 'Show all jobs' }).waitFor();
    await checkScreen('review-07-queue-empty');
  });

  it('gives a viewer the review screens read-only: no decisions, no edits, no generation, keys ignored', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await signIn(viewerKey);
    const writeControls = /^(approve|reject|edit|save edit|generate variants)$/i;

    await page.goto(`${platform.origin}/studio/review`);
    const list = page.getByRole('list', { name: 'Variants to review' });
    await list.getByRole('article').first().waitFor();
    await page.getByText('read-only key').waitFor();
    expect(await page.getByRole('button', { name: writeControls }).count()).toBe(0);
    const first = (await page.locator('article[data-active]').getAttribute('data-variant-id'))!;
    await page.keyboard.press('a');
    await page.keyboard.press('j');
    await poll(() => page.locator('article[data-active]').getAttribute('data-variant-id')).not.toBe(first);
    expect(await variantStatus(first)).toBe('draft');
    await checkScreen('review-08-viewer-queue');

    await page.goto(`${platform.origin}/studio/catalog/${item.id}/variants`);
    await page.getByRole('table', { name: 'Variants by segment and kind' }).waitFor();
    await card(`text for ${segments[0]!.name}`).waitFor();
    expect(await page.getByRole('button', { name: writeControls }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Generate variants' }).count()).toBe(0);
    await checkScreen('review-09-viewer-item-variants');
  });
});
