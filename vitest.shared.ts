import { defaultClientConditions, defaultServerConditions } from 'vite';

// Tests import workspace packages from their TypeScript sources (the "@persona/source" export
// condition), so a test run never depends on a stale dist/ build.
const source = '@persona/source';

export const sourceConditions = {
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
};

// Budgets, not speed limits: a timeout only catches a test that hangs. vitest's 5 s default failed
// ordinary tests while the 2-core machine (and CI, which shares its cores) was busy, so a package
// test gets 15 s, and a heavy one names its own budget at least 3× what it takes on a busy machine.
export const packageTestDefaults = { testTimeout: 15_000, hookTimeout: 30_000 };
