import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceConditions,
  // Budgets, not speed limits: they only catch a hang, and must hold on a busy 2-core machine.
  test: { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
});
