import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.scratch/', 'dist/', 'node_modules/', 'data/', '.data/', '.cache/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only server/config.ts may read the environment: config is one typed object.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read config from server/config.ts' },
      ],
    },
  },
  {
    // No import circles: a module that imports what imports it is read in a half-initialised
    // state and hides which of the two owns what. Imports name their files (.ts/.tsx), so the
    // plain Node resolver finds them.
    files: ['server/**', 'client/**', 'shared/**', 'scripts/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['server/config.ts', 'scripts/**', 'test/**', 'vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
