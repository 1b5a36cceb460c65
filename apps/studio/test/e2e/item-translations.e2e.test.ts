import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;

describe('item translations in the studio, in real Chromium against a real API with the demo catalog', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let page: Page;
  let item: { id: string; title: string; translations: Record<string, { title: string; body: string }> };

  /** No WCAG 2 A/AA violation, and a screenshot that is not blank. */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
  }

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    const response = await fetch(`${platform.origin}/v1/items?limit=1&category=recipes`, { headers: { authorization: `Bearer ${platform.adminKey}` } });
    [item] = ((await response.json()) as { items: (typeof item)[] }).items as [typeof item];
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
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

  it('shows a demo item’s Spanish version on its page and in its form, and adds a Mexican one from the keyboard', async () => {
    const spanish = item.translations.es!;
    expect(spanish.title).not.toBe(item.title);
    await page.goto(`${platform.origin}/studio/catalog/${item.id}`);
    await page.getByRole('heading', { name: item.title }).waitFor();
    await page.getByText(spanish.title).waitFor();

    await page.getByRole('link', { name: 'Edit' }).click();
    const group = page.getByRole('region', { name: 'Translation es' });
    await group.waitFor();
    expect(await group.getByLabel('Title (es)').inputValue()).toBe(spanish.title);
    expect(await group.getByLabel('Body (es)').inputValue()).toBe(spanish.body);
    await checkScreen('translations-01-item-edit-spanish');

    const locale = page.getByLabel('New translation locale');
    await locale.fill('es_mx');
    await locale.press('Enter');
    await page.getByText('Write a language tag such as "es" or "es-MX".').waitFor();
    await checkScreen('translations-02-bad-locale');
    await locale.fill('es-MX');
    await locale.press('Enter');
    const mexico = page.getByRole('region', { name: 'Translation es-MX' });
    await mexico.getByLabel('Title (es-MX)').fill('Pay de limón para la familia');
    await mexico.getByLabel('Body (es-MX)').fill('Una receta sencilla para toda la familia.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: item.title }).waitFor();
    await page.getByText('Pay de limón para la familia').waitFor();
    await checkScreen('translations-03-item-detail');
  });
});
