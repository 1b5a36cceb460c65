import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { expectScreenPasses, signInAs } from './screen-check.js';
import { startPlatform, type PlatformProcess } from '../support/platform-process.js';

// Generous limits: the machine's cores are shared, and nothing here measures speed.
const STEP_MS = 120_000;
/** A whole job running through the platform's own worker (real Redis and BullMQ). */
const JOB_MS = 600_000;
const poll = <T>(read: () => Promise<T> | T, timeout = STEP_MS) => expect.poll(read, { timeout, interval: 200 });

const SEGMENT = 'Journey seniors';
const BAD_LINE = 17;

/** 50 NDJSON lines of real-looking how-tos; line 17 has no title. Lines 1–21 but that one carry the tag `batch`. */
function catalogFile(): string {
  return Array.from({ length: 50 }, (_, index) => {
    const n = String(index + 1).padStart(2, '0');
    return JSON.stringify({
      externalId: `journey-${n}`,
      title: index + 1 === BAD_LINE ? '' : `Journey how-to ${n}: a balcony herb box`,
      category: 'journey',
      tags: index < 21 && index + 1 !== BAD_LINE ? ['batch', 'herbs'] : ['herbs'],
      body:
        `Fill a 60 cm box with 12 litres of peat-free compost. Sow basil and parsley 1 cm deep. ` +
        `Water with 500 ml every morning in summer. Pick the top leaves after 6 weeks so the plants branch.`,
    });
  }).join('\n') + '\n';
}

// The creator journey in one browser session, against a real API process with its worker.
describe("a creator's journey through the studio", () => {
  let platform: PlatformProcess;
  let browser: Browser;
  let page: Page;
  let viewerSecret: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }

  /** No WCAG 2 A/AA violation and a screenshot that is not blank (a job's page keeps a stream open, so no network-idle wait). */
  async function checkScreen(name: string) {
    await expectScreenPasses(page, `journey-${name}`, 'load');
  }

  const signIn = (key: string) => signInAs(page, platform.origin, key);

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    platform = await startPlatform({ from: inject('demoDataSnapshot') });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
  }, 660_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 120_000);

  it('signs in and imports 50 items, the report naming the bad line first', async () => {
    await signIn(platform.adminKey);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import items' }).waitFor();
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'journey.ndjson', { type: 'application/x-ndjson' }));
      return data;
    }, catalogFile());
    await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer: transfer });
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    const counts = await page.getByTestId('import-counts').innerText();
    expect(counts).toMatch(/Created\s*49/i);
    expect(counts).toMatch(/Failed\s*1/i);
    const firstError = page.getByTestId('import-errors').locator('tbody tr').first();
    expect(await firstError.locator('td').first().textContent()).toBe(String(BAD_LINE));
    expect(await firstError.textContent()).toMatch(/title/);
    await checkScreen('01-import-report');
  });

  it('creates a segment with a rule and a style, watching the live count', async () => {
    await nav('Audience').click();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(SEGMENT);
    await page.getByLabel('Priority').fill('900');
    await page.getByLabel('Attribute of condition 1').fill('age');
    await page.getByLabel('Operator of condition 1').selectOption({ label: 'is at least' });
    await page.getByLabel('Value of condition 1').fill('65');
    const { matched } = await api<{ matched: number }>('POST', '/v1/segments/preview', { rule: { all: [{ attr: 'age', gte: 65 }] }, sampleSize: 0 });
    expect(matched).toBeGreaterThan(0);
    await poll(() => page.getByTestId('matched').textContent().then((text) => Number(text!.replace(/,/g, '')))).toBe(matched);
    await page.getByLabel('Persona').fill('Retired gardeners who want short, calm, practical advice in large type.');
    await page.getByLabel('Reading grade').fill('6');
    await page.getByLabel('Target words').fill('70');
    await page.getByLabel('Format', { exact: true }).selectOption('steps');
    await page.getByLabel('Font scale').fill('1.4');
    await checkScreen('02-segment-editor');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByText('Segment created').waitFor();
  });

  it("previews variants for an item, edits one with the guardrails run again, and approves it", async () => {
    await nav('Catalog').click();
    await page.getByLabel('Search', { exact: true }).fill('Journey how-to 01');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table').getByRole('link', { name: 'Journey how-to 01: a balcony herb box' }).click();
    await page.getByRole('link', { name: 'Review variants' }).click();
    await page.getByRole('heading', { name: 'Variants of “Journey how-to 01: a balcony herb box”' }).waitFor();
    await page.getByRole('checkbox', { name: SEGMENT }).check();
    await page.getByRole('button', { name: 'Generate variants' }).click();
    await page.getByText('1 variant ready for review.').waitFor();

    const card = page.getByRole('article', { name: `text for ${SEGMENT}`, exact: true });
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Title').fill('A balcony herb box in six weeks');
    await card.getByRole('button', { name: 'Save edit' }).click();
    const comparison = card.getByRole('table', { name: 'Guardrail checks before and after the edit' });
    await comparison.waitFor();
    expect(await comparison.getByRole('row').count()).toBeGreaterThan(5);
    await card.getByText('Edited by a person').waitFor();
    await checkScreen('03-variant-edited');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText('Approved', { exact: true }).waitFor();
  });

  it('runs a batch job over 20 items × 2 segments and watches it finish on the progress bar', async () => {
    await nav('Jobs').click();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByRole('heading', { name: 'Which items?' }).waitFor();
    await page.getByLabel('Category').fill('journey');
    await page.getByLabel('Tag').fill('batch');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'For which segments?' }).waitFor();
    const [other] = (await api<{ items: { name: string }[] }>('GET', '/v1/segments')).items.filter((segment) => segment.name !== SEGMENT);
    for (const name of [SEGMENT, other!.name]) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'What to make' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Estimate and start' }).waitFor();
    const estimateOf = (term: string) => page.getByTestId('job-estimate').getByText(term, { exact: true }).locator('xpath=following-sibling::dd').textContent();
    expect(await estimateOf('Items')).toBe('20');
    expect(await estimateOf('Variants')).toBe('40');
    await checkScreen('04-job-estimate');
    await page.getByRole('button', { name: 'Start job' }).click();
    await page.waitForURL(/\/studio\/jobs\/gjob_/);
    const progress = page.getByRole('progressbar', { name: 'Job progress' });
    await poll(() => progress.getAttribute('aria-valuenow'), JOB_MS).toBe('40');
    await poll(() => page.getByTestId('job-status').textContent()).toBe('completed');
    await checkScreen('05-job-finished');
    await page.getByRole('link', { name: 'Review results' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByRole('list', { name: 'Variants to review' }).getByRole('article').first().waitFor();
  }, JOB_MS + STEP_MS);

  it("opens the feed of a user in the new segment, with no refit since the segment was created", async () => {
    const [segment] = (await api<{ items: { id: string; name: string; createdAt: string }[] }>('GET', '/v1/segments')).items.filter((s) => s.name === SEGMENT);
    const member = (await api<{ sample: { id: string }[] }>('GET', `/v1/segments/${segment!.id}/preview?sampleSize=1`)).sample[0]!;
    // The model in memory was fitted at start, before the segment existed; feeds assign the current segments all the same.
    const fittedAt = async () => (await api<{ fittedAt: string }>('GET', '/v1/recommender')).fittedAt;
    const fitted = await fittedAt();
    expect(Date.parse(fitted)).toBeLessThan(Date.parse(segment!.createdAt));
    await nav('Feed').click();
    await page.getByLabel('User id').fill(member.id);
    await page.getByRole('button', { name: 'Show feed' }).click();
    await poll(() => page.getByTestId('user-segment').textContent()).toBe(SEGMENT);
    await poll(() => page.getByRole('list', { name: 'Served items' }).getByTestId('served-item').count()).toBeGreaterThan(2);
    expect(await fittedAt()).toBe(fitted);
    await checkScreen('06-feed');
  });

  it('creates a key and revokes it, keeping a viewer key for the last step', async () => {
    await nav('Settings').click();
    const createKey = async (name: string, role: string) => {
      await page.getByLabel('Key name').fill(name);
      await page.getByLabel('Role').selectOption(role);
      await page.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog', { name: `Key “${name}” created` });
      const secret = await dialog.getByLabel('Secret').inputValue();
      await dialog.getByRole('button', { name: 'I have stored it' }).click();
      await dialog.waitFor({ state: 'detached' });
      return secret;
    };
    viewerSecret = await createKey('journey viewer', 'viewer');
    await createKey('journey temporary', 'creator');
    await page.getByRole('button', { name: 'Revoke journey temporary' }).click();
    await page.getByRole('alertdialog', { name: 'Revoke “journey temporary”?' }).getByRole('button', { name: 'Revoke key' }).click();
    await poll(() => page.getByRole('button', { name: 'Revoke journey temporary' }).count()).toBe(0);
    await checkScreen('07-settings-keys');
  });

  it('signs in with the viewer key and finds no way to write anywhere', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(viewerSecret);
    expect(await page.getByTestId('role').textContent()).toBe('viewer');
    const writes = /^(new item|import|edit|delete.*|upload image|new segment|create segment|save segment|new job|start job|approve|reject|generate variants|retry failed children|cancel job|create key|revoke.*|refit now)$/i;
    for (const [section, heading] of [
      ['Catalog', 'Catalog'],
      ['Review', 'Review queue'],
      ['Audience', 'Audience'],
      ['Jobs', 'Jobs'],
      ['Settings', 'Settings'],
    ] as const) {
      await nav(section).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('button', { name: writes, disabled: false }).count(), section).toBe(0);
      expect(await page.getByRole('link', { name: writes }).count(), section).toBe(0);
    }
    await checkScreen('08-viewer-settings');
  });
});
