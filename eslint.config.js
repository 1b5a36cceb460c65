import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/drizzle/**', 'apps/studio/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'openai', message: 'Only packages/llm (and the testkit) may import the openai SDK.' }] },
      ],
    },
  },
  {
    files: ['packages/llm/**', 'packages/testkit/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['apps/studio/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests read JSON answers whose shape the assertions themselves check.
    files: ['**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Nest resolves constructor parameters through their runtime class, so those imports must stay values.
    files: ['apps/api/**'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
