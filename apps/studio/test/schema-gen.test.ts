import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { generateSchemaSource, SCHEMA_FILE } from '../scripts/generate-client.mjs';

describe('generated API client types', () => {
  it('match the API document built from the current route contracts (run `npm run gen:client -w @persona/studio` when this fails)', async () => {
    const fresh = (await generateSchemaSource()) as string;
    expect(readFileSync(SCHEMA_FILE as string, 'utf8')).toBe(fresh);
  });
});
