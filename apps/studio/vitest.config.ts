import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

// Component tests opt into happy-dom per file; the client-staleness and browser tests run in node.
export default defineProject({
  ...sourceConditions,
  plugins: [react()],
  test: { testTimeout: 60_000, hookTimeout: 240_000, fileParallelism: false },
});
