import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 60_000;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: STEP_MS, interval: 100 });

interface Preview {
  matched: number;
  total: number;
}

describe('the audience screens in real Chromium against a real API process', () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let viewerKey: string;
  let createdId: string;

  async function api<T>(method: string, path: string, body?: unknown, key = platform.adminKey): Promise<T> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : response.json()) as Promise<T>;
  }
  const countFor = async (rule: unknown) => (await api<Preview>('POST', '/v1/segments/preview', { rule, sampleSize: 0 })).matched;

  /** Every screen visited: no WCAG 2 A/AA violation, and a screenshot that is not blank. */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, name);
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  const liveCount = () => page.getByTestId('matched').textContent().then((text) => Number(text!.replace(/,/g, '')));

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    ({ secret: viewerKey } = await api<{ secret: string }>('POST', '/v1/api-keys', { name: 'audience e2e viewer', role: 'viewer' }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    await signIn(platform.adminKey);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('lists the segments in precedence order with live member counts', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audience' }).click();
    await page.getByRole('heading', { name: 'Audience' }).waitFor();
    const segments = (await api<{ items: { id: string; name: string; priority: number }[] }>('GET', '/v1/segments')).items;
    expect(segments.length).toBeGreaterThan(1);
    const rows = page.getByRole('table').locator('tbody tr');
    await poll(() => rows.count()).toBe(segments.length);
    const byPriority = [...segments].sort((a, b) => b.priority - a.priority).map((s) => s.name);
    expect(await rows.locator('td:first-child a').allTextContents()).toEqual(byPriority);
    for (const segment of segments) {
      const { matched, total } = await api<Preview>('GET', `/v1/segments/${segment.id}/preview?sampleSize=0`);
      await poll(() => page.getByTestId(`count-${segment.name}`).innerText()).toBe(`${matched.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    }
    await checkScreen('audience-01-segments');
  });

  it('builds a rule and sees the live count follow each edit', async () => {
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('E2E Spanish-speaking seniors');
    await page.getByLabel('Priority').fill('500');

    await page.getByLabel('Attribute of condition 1').fill('age');
    await page.getByLabel('Operator of condition 1').selectOption({ label: 'is at least' });
    await page.getByLabel('Value of condition 1').fill('65');
    const seniors = await countFor({ all: [{ attr: 'age', gte: 65 }] });
    await poll(liveCount).toBe(seniors);
    expect(await page.getByRole('list', { name: 'Sample of matching users' }).getByRole('listitem').count()).toBe(Math.min(8, seniors));

    // The next condition is added from the keyboard.
    await page.getByRole('button', { name: 'Add group to the rule' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Attribute of condition 2.1').fill('locale');
    await page.getByLabel('Operator of condition 2.1').selectOption({ label: 'is one of' });
    await page.getByLabel('Value of condition 2.1').fill('es-ES, es-MX');
    const spanishSeniors = await countFor({ all: [{ attr: 'age', gte: 65 }, { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }] }] });
    expect(spanishSeniors).toBeLessThan(seniors);
    await poll(liveCount).toBe(spanishSeniors);

    await page.getByLabel('Value of condition 1').fill('75');
    const older = await countFor({ all: [{ attr: 'age', gte: 75 }, { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }] }] });
    expect(older).toBeLessThan(spanishSeniors);
    await poll(liveCount).toBe(older);
    await page.getByLabel('Value of condition 1').fill('65');
    await poll(liveCount).toBe(spanishSeniors);
    await checkScreen('audience-02-rule-builder');
  });

  it('shows a dry-run example of the unsaved style that stores nothing', async () => {
    const [exampleItem] = (await api<{ items: { id: string; title: string }[] }>('GET', '/v1/items?limit=50')).items;
    const variantsBefore = (await api<{ items: unknown[] }>('GET', `/v1/items/${exampleItem!.id}/variants`)).items.length;

    await page.getByLabel('Persona').fill('Spanish-speaking retirees who like calm, practical advice.');
    await page.getByLabel('Reading grade').fill('5');
    await page.getByLabel('Target words').fill('80');
    await page.getByLabel('Format', { exact: true }).selectOption('bullets');
    await page.getByLabel('Locale', { exact: true }).fill('es-ES');
    await page.getByLabel('Must include').fill('e2e-promesa');
    await page.getByLabel('Must include').press('Enter');
    await page.getByLabel('Must avoid').fill('jerga');
    await page.getByLabel('Must avoid').press('Enter');
    await page.getByLabel('Font scale').fill('1.8');
    await page.getByLabel('Colour 1', { exact: true }).fill('#264653');
    await page.getByRole('group', { name: 'Channel formats' }).getByLabel(/Story/).check();

    const example = page.getByTestId('style-example');
    expect(await page.getByLabel('Example item').inputValue()).toBe(exampleItem!.id);
    // The guardrails ran on the unsaved style: its must-include term is looked for.
    await poll(() => example.getByRole('list', { name: 'Guardrails' }).innerText()).toMatch(/must-include: (warn|fail)/);
    await example.getByRole('img', { name: /^story 9:16/ }).waitFor();
    expect(await example.getByRole('heading').first().innerText()).not.toBe('');
    expect((await api<{ items: unknown[] }>('GET', `/v1/items/${exampleItem!.id}/variants`)).items).toHaveLength(variantsBefore);
    await checkScreen('audience-03-style-example');
  });

  it('marks an invalid style field, then creates the segment with its rule and style', async () => {
    await page.getByLabel('Reading grade').fill('40');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await poll(() => page.getByLabel('Reading grade').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('At most 18.').waitFor();
    await checkScreen('audience-04-invalid-style');

    await page.getByLabel('Reading grade').fill('5');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByText('Segment created').waitFor();
    createdId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(createdId).toMatch(/^seg_/);
    const saved = await api<{ name: string; priority: number; rule: unknown; style: Record<string, unknown> }>('GET', `/v1/segments/${createdId}`);
    expect(saved).toMatchObject({
      name: 'E2E Spanish-speaking seniors',
      priority: 500,
      rule: { all: [{ attr: 'age', gte: 65 }, { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }] }] },
      style: { readingGrade: 5, targetWords: 80, format: 'bullets', locale: 'es-ES', mustInclude: ['e2e-promesa'], mustAvoid: ['jerga'] },
    });
    expect((saved.style.visual as { channelFormats: string[] }).channelFormats).toEqual(['square', 'story']);
    await poll(liveCount).toBe(await countFor(saved.rule));
    await checkScreen('audience-05-segment-saved');
  });

  it('lists users with the segment each is assigned to, searching by id', async () => {
    await page.getByRole('navigation', { name: 'Audience' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Audience' }).waitFor();
    const rows = page.getByRole('table').locator('tbody tr');
    await poll(() => rows.count()).toBe(50);
    const firstPage = (await api<{ items: { id: string; segment: { name: string } | null }[] }>('GET', '/v1/users?limit=50')).items;
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    expect(shown).toEqual(firstPage.map((u) => [u.id, u.segment?.name ?? 'no segment']));
    // The new segment outranks the others, so its members are assigned to it.
    const member = (await api<{ sample: { id: string }[] }>('GET', `/v1/segments/${createdId}/preview?sampleSize=1`)).sample[0]!;
    await page.getByLabel('Search users').fill(member.id.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=/);
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('E2E Spanish-speaking seniors');
    await checkScreen('audience-06-users-search');
    await page.getByRole('button', { name: 'Clear' }).click();
    await poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more users' }).click();
    await poll(() => rows.count()).toBe(100);
    await checkScreen('audience-07-users');
  });

  it('gives a viewer key read-only audience screens that still count', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    await signIn(viewerKey);
    await page.goto(`${platform.origin}/studio/audience`);
    await page.getByRole('heading', { name: 'Audience' }).waitFor();
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: 'New segment' }).count()).toBe(0);
    await page.getByRole('link', { name: 'E2E Spanish-speaking seniors' }).click();
    await page.getByRole('heading', { name: 'E2E Spanish-speaking seniors' }).waitFor();
    await poll(liveCount).toBe(await countFor({ all: [{ attr: 'age', gte: 65 }, { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }] }] }));
    const writes = /^(save segment|delete segment|create segment|add colour|\+ condition|\+ group|remove.*)$/i;
    expect(await page.getByRole('button', { name: writes, disabled: false }).count()).toBe(0);
    expect(await page.getByLabel('Persona').isDisabled()).toBe(true);
    expect(await page.getByLabel('Attribute of condition 1').isDisabled()).toBe(true);
    await page.getByText('Your role cannot generate variants').waitFor();
    await page.goto(`${platform.origin}/studio/audience/segments/new`);
    await page.getByText('Your role cannot create segments.').waitFor();
    await page.goto(`${platform.origin}/studio/audience/segments/${createdId}`);
    await page.getByRole('heading', { name: 'E2E Spanish-speaking seniors' }).waitFor();
    await checkScreen('audience-08-viewer-segment');
  });
});
