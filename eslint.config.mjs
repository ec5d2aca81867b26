// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'test-results/', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      // botbuilder types activity.type as string and ActivityTypes as a string enum; comparing them is its documented use.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Import zod v4 from 'zod/v4'." }] },
      ],
    },
  },
  {
    // The domain core stays free of SDK, HTTP and template types, so the Teams edge can be replaced.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: "Import zod v4 from 'zod/v4'." }],
          patterns: [
            {
              group: [
                'botbuilder*',
                'botframework-*',
                '@microsoft/teams-ai',
                'restify',
                'adaptivecards-templating',
                '**/bot/**',
                '**/store/sqlite/**',
                '**/cards/**',
                '**/server',
              ],
              message: 'src/core is the domain: no SDK, HTTP, store adapter or card imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests use chai-style expressions through node:assert and sinon stubs with loose this-binding.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
