// Tests import workspace packages from their TypeScript sources (the "@persona/source" export
// condition), so a test run never depends on a stale dist/ build.
const conditions = ['@persona/source', 'import', 'module', 'node', 'default'];

export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@persona/source'] } },
};
