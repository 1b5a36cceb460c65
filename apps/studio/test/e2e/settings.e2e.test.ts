import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_MS, interval: 100 });

interface ConformanceAnswer {
  segments: { id: string; name: string }[];
  items: { id: string; title: string }[];
  cells: { itemId: string; segmentId: string; readingGrade: { status: string }; words: { measured: number; target: number; status: string } }[];
}

describe('settings and style conformance in real Chromium against a real API process', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let viewerKey: string;

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<{ status: number; body: T }> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Every screen visited: no WCAG 2 A/AA violation, and a screenshot that is not blank. */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    ({ body: { secret: viewerKey } } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'settings viewer', role: 'viewer' }));
    // Text variants from the offline template engine: 6 demo items × 3 demo segments to measure.
    const segments = (await api<{ items: { id: string }[] }>('GET', '/v1/segments')).body.items.slice(0, 3);
    const items = (await api<{ items: { id: string }[] }>('GET', '/v1/items?limit=6')).body.items;
    for (const item of items) {
      const preview = await api('POST', `/v1/items/${item.id}/variants/preview`, { segmentIds: segments.map((s) => s.id), kinds: ['text'] });
      expect(preview.status).toBe(200);
    }
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(STEP_MS);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.origin });
    page = await context.newPage();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('lists every section in the main navigation, in order', async () => {
    await signIn(platform.adminKey);
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await checkScreen('settings-00-catalog');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Catalog', 'Review', 'Audience', 'Jobs', 'Feed', 'Insights', 'Conformance', 'Settings']);
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByTestId('recommender-status').waitFor();
    await page.getByTestId('api-key-row').first().waitFor();
    expect(await page.getByTestId('engines').textContent()).toMatch(/Offline engines/);
    expect(await page.getByRole('link', { name: 'Open the queue dashboard' }).getAttribute('href')).toBe('/admin/queues');
    await checkScreen('settings-01-admin');
  });

  it('creates a key whose secret is shown once with a copy button, then revokes it so it gets 401', async () => {
    await page.getByLabel('Key name').fill('e2e integration');
    await page.getByLabel('Role').selectOption('creator');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Key “e2e integration” created' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^pk_/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await checkScreen('settings-02-key-created');
    // The secret works as a creator key.
    const me = await api<{ apiKey: { name: string; role: string } }>('GET', '/v1/me', undefined, secret);
    expect(me).toMatchObject({ status: 200, body: { apiKey: { name: 'e2e integration', role: 'creator' } } });

    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Gone from the page once the dialog is closed: only its prefix is listed.
    expect(await page.content()).not.toContain(secret);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'e2e integration' });
    expect(await row.textContent()).toContain(secret.slice(0, 8));

    await row.getByRole('button', { name: 'Revoke e2e integration' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “e2e integration”?' });
    await confirm.waitFor();
    await checkScreen('settings-03-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await poll(() => row.textContent()).toMatch(/Revoked/);
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    expect((await api('GET', '/v1/me', undefined, secret)).status).toBe(401);
  });

  it('shows a refused key name as a readable message on its field', async () => {
    // Blank once trimmed: the API's own validation refuses it, and the studio puts that on the field.
    await page.getByLabel('Key name').fill(' ');
    await page.getByRole('button', { name: 'Create key' }).click();
    await poll(() => page.getByLabel('Key name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Required: give the key a name.').count()).toBe(1);
    await checkScreen('settings-04-key-refused');
  });

  it('refits the recommender and shows the new fit', async () => {
    const before = (await api<{ fittedAt: string }>('GET', '/v1/recommender')).body.fittedAt;
    await page.getByRole('button', { name: 'Refit now' }).click();
    await page.getByRole('status').filter({ hasText: 'Refitted' }).waitFor();
    const after = (await api<{ fittedAt: string; fitMs: number }>('GET', '/v1/recommender')).body;
    expect(Date.parse(after.fittedAt)).toBeGreaterThan(Date.parse(before));
    expect(await page.getByRole('status').filter({ hasText: 'Refitted' }).textContent()).toContain(`Fitted in ${after.fitMs} ms`);
    await checkScreen('settings-05-refitted');
  });

  it('draws the conformance heatmap: one cell per item × segment, each with its reading', async () => {
    const expected = (await api<ConformanceAnswer>('GET', '/v1/insights/conformance')).body;
    expect(expected.cells.length).toBe(18);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conformance' }).click();
    await page.getByRole('heading', { name: 'Style conformance' }).waitFor();
    await poll(() => page.getByTestId('heat-cell').count()).toBe(expected.cells.length);
    const statuses = await page.getByTestId('heat-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')).sort());
    expect(statuses).toEqual(expected.cells.map((c) => c.readingGrade.status).sort());
    await checkScreen('conformance-01-reading-grade');

    await page.getByText('Word count', { exact: true }).click();
    const [first] = expected.cells;
    const item = expected.items.find((i) => i.id === first!.itemId)!;
    const segment = expected.segments.find((s) => s.id === first!.segmentId)!;
    await page.getByTitle(`${item.title} for ${segment.name}: word count ${first!.words.measured} against a target of ${first!.words.target}`, { exact: false }).waitFor();
    const wordStatuses = await page.getByTestId('heat-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')).sort());
    expect(wordStatuses).toEqual(expected.cells.map((c) => c.words.status).sort());
    await checkScreen('conformance-02-words');

    await page.getByLabel('Segment').selectOption({ label: segment.name });
    await poll(() => page.getByTestId('heat-cell').count()).toBe(6);
  });

  it('gives a viewer the recommender and conformance, with no write control', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await signIn(viewerKey);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('recommender-status').waitFor();
    await page.getByText('API keys are managed by admins').waitFor();
    const writes = /^(create key|refit now|revoke.*|copy)$/i;
    expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
    expect(await page.getByLabel('Key name').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Open the queue dashboard' }).count()).toBe(0);
    await checkScreen('settings-06-viewer');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conformance' }).click();
    await poll(() => page.getByTestId('heat-cell').count()).toBe(18);
    await checkScreen('conformance-03-viewer');
  });
});
