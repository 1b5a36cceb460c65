import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Atkinson Hyperlegible Bold (SIL Open Font License 1.1), shipped by an npm package: drawn for
 * low-vision readers, so headlines stay legible at any size, and no system font is ever needed.
 */
export const HEADLINE_FONT = {
  file: require.resolve('@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf'),
  family: 'Atkinson Hyperlegible Bold',
} as const;
