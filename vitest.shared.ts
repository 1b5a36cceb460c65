import { defaultClientConditions, defaultServerConditions } from 'vite';

// Tests import workspace packages from their TypeScript sources (the "@persona/source" export
// condition), so a test run never depends on a stale dist/ build.
const source = '@persona/source';

export const sourceConditions = {
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
};
