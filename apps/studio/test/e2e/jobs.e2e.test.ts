import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 120_000;
/** A whole job running through the platform's own worker (real Redis and BullMQ). */
const JOB_MS = 600_000;
const poll = <T>(read: () => Promise<T> | T, timeout = STEP_MS) => expect.poll(read, { timeout, interval: 200 });

// Batch jobs in real Chromium against a real API process, whose embedded worker runs the jobs.
describe('batch jobs in the studio', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let page: Page;
  let viewerKey: string;
  let segments: { id: string; name: string }[];
  let itemIds: Map<string, string>;
  let firstJobId: string;
  let failingJobId: string;

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<T> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body && !isForm ? { 'content-type': 'application/json' } : {}) },
      body: isForm ? body : body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }

  /**
   * Every screen: no WCAG 2 A/AA violation, and a screenshot that is not blank. No wait for an idle
   * network: a running job's page keeps its progress stream open.
   */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name, 'load');
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  const statusOf = () => page.getByTestId('job-status').textContent();
  const countOf = async (label: 'Done' | 'Skipped' | 'Failed' | 'Canceled' | 'Pending') => {
    const text = await page.getByTestId(`count-${label.toLowerCase()}`).textContent();
    return Number(text?.replace(/,/g, ''));
  };

  /** The wizard's estimate, term by term. */
  async function estimateOf(term: string) {
    return page.getByTestId('job-estimate').getByText(term, { exact: true }).locator('xpath=following-sibling::dd').textContent();
  }

  async function openWizard() {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByRole('heading', { name: 'Which items?' }).waitFor();
  }

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    const rows = Array.from({ length: 20 }, (_, i) => ({
      externalId: `jobs-e2e-${i}`,
      title: `Jobs e2e item ${String(i + 1).padStart(2, '0')}`,
      category: 'e2e-jobs',
      tags: ['e2e'],
      body: 'Slow-roasted tomatoes with thyme, garlic and a little sugar, ready in two hours.',
    }));
    const imported = await fetch(`${platform.origin}/v1/items/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminKey}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(((await imported.json()) as { created: number }).created).toBe(20);
    const items = (await api<{ items: { id: string; title: string }[] }>('GET', '/v1/items?category=e2e-jobs&limit=50')).items;
    itemIds = new Map(items.map((item) => [item.title, item.id]));
    segments = (await api<{ items: { id: string; name: string }[] }>('GET', '/v1/segments')).items;
    ({ secret: viewerKey } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'jobs e2e viewer', role: 'viewer' }));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('runs a job over 20 items × 2 segments from the wizard, showing the estimate first and the progress live', async () => {
    await signIn(platform.adminKey);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByText('No jobs yet').waitFor();
    await checkScreen('jobs-01-empty-list');

    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByRole('heading', { name: 'Which items?' }).waitFor();
    await page.getByLabel('Category').fill('e2e-jobs');
    await checkScreen('jobs-02-wizard-items');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'For which segments?' }).waitFor();
    // Nothing ticked: the step says so and does not move on.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Choose at least one segment.').waitFor();
    for (const segment of segments.slice(0, 2)) await page.getByRole('checkbox', { name: new RegExp(`^${segment.name}`) }).check();
    await checkScreen('jobs-03-wizard-segments');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'What to make' }).waitFor();
    await checkScreen('jobs-04-wizard-output');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Estimate and start' }).waitFor();
    await page.getByTestId('job-estimate').waitFor();
    expect(await estimateOf('Items')).toBe('20');
    expect(await estimateOf('Segments')).toBe('2');
    expect(await estimateOf('Variants')).toBe('40');
    expect(await estimateOf('Cost')).toBe('$0.00');
    await checkScreen('jobs-05-wizard-estimate');

    await page.getByRole('button', { name: 'Start job' }).click();
    await page.waitForURL(/\/studio\/jobs\/gjob_/);
    firstJobId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const progress = page.getByRole('progressbar', { name: 'Job progress' });
    expect(await progress.getAttribute('aria-valuemax')).toBe('40');
    // The bar follows the job over server-sent events until every child has settled.
    await poll(() => progress.getAttribute('aria-valuenow'), JOB_MS).toBe('40');
    await poll(statusOf).toBe('completed');
    expect((await countOf('Done')) + (await countOf('Skipped'))).toBe(40);
    expect(await countOf('Pending')).toBe(0);
    expect(await countOf('Failed')).toBe(0);
    await page.getByTestId('stream-state').getByText('Finished', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Review results' }).getAttribute('href')).toBe(`/studio/review?jobId=${encodeURIComponent(firstJobId)}`);
    expect(await page.getByRole('button', { name: 'Retry failed children' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    await checkScreen('jobs-06-job-completed');
  }, JOB_MS + 300_000);

  it('lists the job with its status and counts', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: firstJobId }) });
    await row.waitFor();
    expect(await row.getByText('completed').count()).toBe(1);
    expect(await row.getByText('40/40').count()).toBe(1);
    await checkScreen('jobs-07-list');
  });

  it('shows failed children with their reasons, and retries them once the cause is fixed', async () => {
    await openWizard();
    await page.getByRole('radio', { name: /^Pick items/ }).check();
    for (const title of ['Jobs e2e item 01', 'Jobs e2e item 02']) {
      await page.getByLabel('Find items').fill(title);
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await page.getByRole('checkbox', { name: new RegExp(`^${title}`) }).check();
    }
    await page.getByRole('group', { name: 'Picked items' }).getByRole('button', { name: 'Remove Jobs e2e item 02' }).waitFor();
    await checkScreen('jobs-07b-wizard-pick-items');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: new RegExp(`^${segments[0]!.name}`) }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // Images need the item's own image, which these imported items lack: those children fail.
    await page.getByRole('checkbox', { name: /^Image/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('job-estimate').waitFor();
    expect(await estimateOf('Variants')).toBe('4');
    await page.getByRole('button', { name: 'Start job' }).click();
    await page.waitForURL(/\/studio\/jobs\/gjob_/);
    failingJobId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    expect(failingJobId).not.toBe(firstJobId);

    await poll(statusOf, JOB_MS).toBe('completed');
    await poll(() => countOf('Failed')).toBe(2);
    const failedRows = page.getByTestId('failed-children').locator('tbody tr');
    await poll(() => failedRows.count()).toBe(2);
    for (const text of await failedRows.allTextContents()) expect(text).toMatch(/image.*needs the item's image/);
    await checkScreen('jobs-08-failed-children');

    // The fix: item 01 gets an image. Retrying then makes its image; item 02 fails again.
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 190, g: 60, b: 40 } } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'tomatoes.png');
    const asset = await api<{ id: string }>('POST', '/v1/assets', form);
    await api('PATCH', `/v1/items/${itemIds.get('Jobs e2e item 01')}`, { imageAssetId: asset.id });

    await page.getByRole('button', { name: 'Retry failed children' }).click();
    // Settled again: one more child done (item 01's image), one failed (item 02's); the texts were
    // written by the first job, so this one skipped them. Before the retry it read completed, 2, 0.
    const snapshot = async () => [await statusOf(), await countOf('Failed'), await countOf('Pending'), (await countOf('Done')) + (await countOf('Skipped'))];
    await poll(snapshot, JOB_MS).toEqual(['completed', 1, 0, 3]);
    await poll(() => failedRows.count()).toBe(1);
    expect(await failedRows.first().textContent()).toMatch(/Jobs e2e item 02/);
    await checkScreen('jobs-09-retried');
  }, 2 * JOB_MS + 300_000);

  it('cancels a running job from its page', async () => {
    // The whole catalog × every segment × text and images: thousands of children, far more than
    // run in the moment it takes to press Cancel.
    await openWizard();
    await page.getByRole('button', { name: 'Next' }).click();
    for (const segment of segments) await page.getByRole('checkbox', { name: new RegExp(`^${segment.name}`) }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: /^Image/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('job-estimate').waitFor();
    const variants = Number((await estimateOf('Variants'))!.replace(/,/g, ''));
    expect(variants).toBeGreaterThan(1000);
    await page.getByRole('button', { name: 'Start job' }).click();
    await page.waitForURL(/\/studio\/jobs\/gjob_/);
    await page.getByTestId('stream-state').getByText('Live', { exact: true }).waitFor();
    await checkScreen('jobs-10-running');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Cancel job' }).click();
    await poll(statusOf).toBe('canceled');
    await page.getByText('The children still pending were removed').waitFor();
    await poll(() => countOf('Pending')).toBe(0);
    expect(await countOf('Canceled')).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    await checkScreen('jobs-11-canceled');
  }, JOB_MS + 300_000);

  it('gives a viewer the jobs to read and no way to start, retry or cancel one', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await signIn(viewerKey);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: failingJobId }).waitFor();
    expect(await page.getByRole('link', { name: 'New job' }).count()).toBe(0);
    await checkScreen('jobs-12-viewer-list');

    await page.getByRole('link', { name: failingJobId }).click();
    await page.getByTestId('failed-children').waitFor();
    expect(await page.getByRole('button', { name: /retry|cancel/i }).count()).toBe(0);
    await page.getByRole('link', { name: 'Review results' }).waitFor();
    await checkScreen('jobs-13-viewer-job');

    await page.goto(`${platform.origin}/studio/jobs/new`);
    await page.getByText('Your role cannot start jobs.').waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).count()).toBe(0);
    await checkScreen('jobs-14-viewer-new-job');
  });
});
