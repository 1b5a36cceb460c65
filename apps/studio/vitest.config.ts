import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.ts';

// Component tests opt into happy-dom per file; the client-staleness and browser tests run in node.
// The browser tests start real API processes: limits are generous and never about speed.
// Two projects so that only a run with an e2e file in it pays for seeding the demo data (globalSetup
// runs only for a project with files queued); files still run one at a time across both.
export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, 'test/e2e/**'] } },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], globalSetup: ['test/e2e/demo-data.global-setup.ts'] },
      },
    ],
  },
});
