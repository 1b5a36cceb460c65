import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityViolations, describeViolations, screenshot } from './browser.js';

/**
 * A screen as a person meets it: no WCAG 2 A/AA violation, and a screenshot (in the git-ignored
 * folder) that is not blank. A page that keeps a stream open (a running job) never goes network-idle,
 * so it is checked once loaded.
 */
export async function expectScreenPasses(page: Page, name: string, settled: 'networkidle' | 'load' = 'networkidle'): Promise<void> {
  await page.waitForLoadState(settled);
  const violations = await accessibilityViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  const shot = await screenshot(page, name);
  expect(shot.spread, `${name} screenshot looks blank`).toBeGreaterThan(10);
}

/** Signs in through the sign-in screen, as a person would, and waits for the catalog. */
export async function signInAs(page: Page, origin: string, key: string): Promise<void> {
  await page.goto(`${origin}/studio/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
}
