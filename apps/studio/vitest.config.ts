import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

// Component tests opt into happy-dom per file; the client-staleness and browser tests run in node.
// The browser test starts a real API process: limits are generous and never about speed.
export default defineProject({
  ...sourceConditions,
  plugins: [react()],
  test: { testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false },
});
