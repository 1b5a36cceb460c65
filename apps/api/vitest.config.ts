import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceConditions,
  test: { testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false },
});
