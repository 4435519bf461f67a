import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dashboards/dist', 'bench/results', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The layering of DESIGN.md: api/ and workers/ import core/, never each other; core/ imports
  // neither (the CLI loads the entry points by path at run time).
  ...[
    ['core/**/*.ts', ['**/workers/**', '**/api/**']],
    ['api/**/*.ts', ['**/workers/**']],
    ['workers/**/*.ts', ['**/api/**']],
  ].map(([files, forbidden]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: forbidden, message: 'api/ and workers/ import core/, never each other.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['bin/*.js', 'core/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
