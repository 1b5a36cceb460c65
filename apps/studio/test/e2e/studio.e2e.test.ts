import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;
/** expect.poll with a step's patience (its default second is too short on a busy machine). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_MS, interval: 100 });

describe('the studio in real Chromium against a real API process', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let viewerKey: string;
  let workspaceName: string;
  const screens: string[] = [];

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<T> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }

  /** Every screen visited: no WCAG 2 A/AA violation, and a screenshot that is not blank. */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
    screens.push(name);
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    ({ workspace: { name: workspaceName } } = await api<{ workspace: { name: string } }>('GET', '/v1/me'));
    ({ secret: viewerKey } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'e2e viewer', role: 'viewer' }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('signs in with an API key, refusing a wrong one, and shows the workspace and role', async () => {
    await page.goto(`${platform.origin}/studio/catalog`);
    await page.waitForURL(/\/studio\/sign-in/);
    await checkScreen('01-sign-in');

    await page.getByLabel('API key').fill('pk_not_a_real_key_at_all_000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/api key/i);
    await checkScreen('02-sign-in-refused');

    await page.getByLabel('API key').fill(platform.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    expect(page.url()).toMatch(/\/studio\/catalog$/);
    expect(await page.getByTestId('workspace-name').textContent()).toBe(workspaceName);
    expect(await page.getByTestId('role').textContent()).toBe('admin');
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await checkScreen('03-catalog');
  });

  it('searches the catalog on the server and pages through it', async () => {
    // Scrolling to the end of the loaded rows asks for the next keyset page; only rows in view are in the DOM.
    await poll(() => page.getByText(/^100 items loaded/).count()).toBe(1);
    const table = page.getByRole('region', { name: 'Catalog items' });
    await table.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await poll(() => page.getByText(/^200 items loaded/).count()).toBe(1);
    expect(await table.locator('tbody tr:not([aria-hidden])').count()).toBeLessThan(60);
    await table.evaluate((element) => element.scrollTo({ top: 0 }));

    // The search is the API's full-text search (ranked), so a whole title finds its item near the top.
    const [first] = (await api<{ items: { title: string }[] }>('GET', '/v1/items?limit=1')).items;
    await page.getByLabel('Search', { exact: true }).fill(first!.title);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(first!.title);
    await page.getByRole('table').getByRole('link', { name: first!.title, exact: true }).waitFor();
    await checkScreen('04-catalog-search');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL(/\/studio\/catalog$/);
  });

  it('creates an item through the form, showing what is missing first', async () => {
    await page.getByRole('link', { name: 'New item' }).click();
    await page.getByRole('heading', { name: 'New item' }).waitFor();
    await page.getByRole('button', { name: 'Create item' }).click();
    await poll(() => page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await checkScreen('05-item-form-invalid');

    await page.getByLabel('Title').fill('Studio e2e: slow-roasted tomatoes');
    await page.getByLabel('Category').fill('recipes');
    await page.getByLabel('Tags').fill('vegetarian');
    await page.getByLabel('Tags').press('Enter');
    await page.getByLabel('Tags').fill('summer');
    await page.getByLabel('Tags').press('Enter');
    await page.getByLabel('Body').fill('Halve the tomatoes, season them, and roast for two hours at 120 °C.');
    await page.getByRole('button', { name: 'Create item' }).click();
    await page.getByRole('heading', { name: 'Studio e2e: slow-roasted tomatoes' }).waitFor();
    expect(page.url()).toMatch(/\/studio\/catalog\/itm_/);
    await page.getByText('No variants yet').waitFor();
    await page.getByText('No events yet').waitFor();
    await checkScreen('06-item-detail');
  });

  it('uploads an image with a preview, and explains a file that is not one', async () => {
    await page.getByLabel('Choose an image').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await page.getByRole('button', { name: 'Upload image' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/could not be read as an image/);
    await checkScreen('07-image-refused');

    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 214, g: 92, b: 48 } } }).png().toBuffer();
    await page.getByLabel('Choose an image').setInputFiles({ name: 'tomatoes.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'Preview of the chosen image' }).waitFor();
    await page.getByRole('button', { name: 'Upload image' }).click();
    await page.getByRole('img', { name: 'Image of Studio e2e: slow-roasted tomatoes' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await checkScreen('08-item-with-image');
  });

  it('edits the item, keeping what the form does not show', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: /^Edit/ }).waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Studio e2e: slow-roasted tomatoes');
    await page.getByLabel('Title').fill('Studio e2e: slow-roasted cherry tomatoes');
    await checkScreen('09-item-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Studio e2e: slow-roasted cherry tomatoes' }).waitFor();
    // The image chosen before survives an edit of the text.
    await page.getByRole('img', { name: 'Image of Studio e2e: slow-roasted cherry tomatoes' }).waitFor();
  });

  it('imports NDJSON dropped on the page and names the bad line in the report', async () => {
    await page.getByRole('link', { name: 'Catalog', exact: true }).first().click();
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import items' }).waitFor();
    const rows = [
      { externalId: 'e2e-1', title: 'Imported one', category: 'travel', tags: ['e2e'] },
      { externalId: 'e2e-2', title: 'Imported two', category: 'travel' },
      { externalId: 'e2e-3', title: '', category: 'travel' },
      { externalId: 'e2e-4', title: 'Imported four', category: 'food', body: 'Four.' },
    ];
    const ndjson = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'e2e-items.ndjson', { type: 'application/x-ndjson' }));
      return transfer;
    }, ndjson);
    await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    const counts = await page.getByTestId('import-counts').innerText();
    expect(counts).toMatch(/Created\s*3/i);
    expect(counts).toMatch(/Failed\s*1/i);
    const errorRows = page.getByTestId('import-errors').locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().locator('td').first().textContent()).toBe('3');
    expect(await errorRows.first().textContent()).toMatch(/title/);
    await checkScreen('10-import-report');
  });

  it('gives a viewer key a read-only studio with no way to write', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await signIn(viewerKey);
    expect(await page.getByTestId('role').textContent()).toBe('viewer');
    await page.getByText('Read-only').waitFor();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    const writeControls = /^(new item|import|edit|delete|upload image|create item|save changes)$/i;
    expect(await page.getByRole('button', { name: writeControls }).count()).toBe(0);
    expect(await page.getByRole('link', { name: writeControls }).count()).toBe(0);
    await checkScreen('11-viewer-catalog');

    // A demo item with its image: found through the search box, as a person would.
    const recipes = (await api<{ items: { id: string; title: string; imageAssetId: string | null }[] }>('GET', '/v1/items?category=recipes&limit=50')).items;
    const withEvents = await Promise.all(recipes.map((item) => api<{ total: number }>('GET', `/v1/events/counts?itemId=${item.id}`)));
    const demo = recipes.find((item, i) => item.imageAssetId && withEvents[i]!.total > 0)!;
    // Text variants for two segments (offline template engine), so the item shows a variants table.
    const segments = (await api<{ items: { id: string; name: string }[] }>('GET', '/v1/segments')).items.slice(0, 2);
    await api('POST', `/v1/items/${demo.id}/variants/preview`, { segmentIds: segments.map((s) => s.id), kinds: ['text'] });
    await page.getByLabel('Search', { exact: true }).fill(demo.title);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table').getByRole('link', { name: demo.title }).click();
    await page.getByRole('heading', { name: 'Variants' }).waitFor();
    await page.getByRole('img', { name: `Image of ${demo.title}` }).waitFor();
    // The demo's interactions show up as counts by type.
    await page.getByTestId('event-counts').waitFor();
    for (const segment of segments) await page.getByRole('cell', { name: segment.name, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: writeControls }).count()).toBe(0);
    expect(await page.getByRole('link', { name: writeControls }).count()).toBe(0);
    expect(await page.getByLabel('Choose an image').count()).toBe(0);
    await checkScreen('12-viewer-item');
  });

  it('returns to sign-in with the reason when the key stops working', async () => {
    const keys = await api<{ id: string; name: string }[]>('GET', '/v1/api-keys');
    await api('DELETE', `/v1/api-keys/${keys.find((k) => k.name === 'e2e viewer')!.id}`);
    // No reload: the next request the open studio makes (an item it has not loaded) meets the 401.
    await page.getByRole('link', { name: 'Catalog', exact: true }).first().click();
    await page.getByRole('table').getByRole('link').nth(2).click();
    await page.waitForURL(/\/studio\/sign-in/);
    await page.getByText('You were signed out').waitFor();
    await checkScreen('13-signed-out');
    expect(screens).toHaveLength(13);
  });
});
