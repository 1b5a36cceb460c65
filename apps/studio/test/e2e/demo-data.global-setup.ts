import type { TestProject } from 'vitest/node';
import { createDemoDataSnapshot, removeDemoDataSnapshot, type DemoDataSnapshot } from '../support/platform-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDataSnapshot: DemoDataSnapshot;
  }
}

/**
 * Seeding the demo data (catalog images, audience, 60 000 events) is the slowest part of starting
 * a platform, and every e2e file needs the same demo data. It is seeded once per run here; each
 * file still starts a platform of its own on a private copy (`startPlatform({ from })`), so no
 * file sees another's writes and files can run alone or in any order.
 */
export default async function setup(project: TestProject) {
  const snapshot = await createDemoDataSnapshot();
  project.provide('demoDataSnapshot', snapshot);
  return () => removeDemoDataSnapshot(snapshot);
}
