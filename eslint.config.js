import js from '@eslint/js';
import globals from 'globals';
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
    files: ['server/config.ts', 'scripts/**', 'test/**', 'vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
