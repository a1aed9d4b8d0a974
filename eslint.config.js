import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const infrastructure = ['pg', 'kysely', 'fastify', 'bullmq', 'ioredis', '@electric-sql/pglite'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'bench/out/**', '.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The example has its own tsconfig for a user who installs the tarballs; in this repository it
    // is checked against the packages' sources (the root project), so a clean clone lints it
    // without building dist/ first.
    files: ['examples/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // Promises: the type-checked rules that find real bugs, named so they stay on whatever the
      // preset does (recommendedTypeChecked has them today).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Off: an `async` function that does not await is how this code implements a
      // Promise-returning port synchronously (in-memory adapters, Fastify hooks, kysely's driver);
      // rewriting those as `Promise.resolve(...)` would lose the throw-becomes-rejection
      // guarantee. The rules above catch the promise bugs that matter.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // No package reaches into another's internals: only `@erpcore/<pkg>` (its index) is public.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@erpcore/*/src/*', '@erpcore/*/dist/*', '../../*/src/*'],
              message: 'Import the package by name, not its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      // Quantities and money are exact scaled bigints: floating-point parsing has no place here.
      'no-restricted-globals': [
        'error',
        { name: 'parseFloat', message: 'Use Quantity/Money parsing.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Number', property: 'parseFloat', message: 'Use Quantity/Money parsing.' },
        { property: 'toFixed', message: 'Use Quantity/Money formatting.' },
      ],
      // The domain is pure: no I/O libraries, no Node built-ins.
      'no-restricted-imports': [
        'error',
        {
          paths: infrastructure.map((name) => ({
            name,
            message: 'packages/domain is pure: no I/O.',
          })),
          patterns: [
            { group: ['node:*'], message: 'packages/domain is pure: no Node built-ins.' },
            {
              group: infrastructure.map((n) => `${n}/*`),
              message: 'packages/domain is pure: no I/O.',
            },
            { group: ['@erpcore/*'], message: 'packages/domain depends on nothing of ours.' },
          ],
        },
      ],
    },
  },
  {
    // The domain never reads the clock or draws random numbers: time and ids come in with the
    // command, so a decision is a pure function of it and the state (tests may use both).
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.spec-helpers.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'parseFloat', message: 'Use Quantity/Money parsing.' },
        { name: 'Date', message: 'packages/domain reads no clock: time comes with the command.' },
        {
          name: 'crypto',
          message: 'packages/domain draws no random ids: ids come with the command.',
        },
        { name: 'performance', message: 'packages/domain reads no clock.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Number', property: 'parseFloat', message: 'Use Quantity/Money parsing.' },
        { property: 'toFixed', message: 'Use Quantity/Money formatting.' },
        { object: 'Math', property: 'random', message: 'packages/domain draws no random numbers.' },
        { object: 'globalThis', property: 'Date', message: 'packages/domain reads no clock.' },
        {
          object: 'globalThis',
          property: 'crypto',
          message: 'packages/domain draws no random ids.',
        },
      ],
    },
  },
  {
    // TEMPORARY (issue 9): these folders are being rewritten on branch i9a; the lead removes this
    // override after merging it and fixes what the rule then reports.
    files: [
      'packages/api/src/http/**',
      'packages/api/src/routes/**',
      'packages/api/src/inventory/**',
      'packages/api/src/accounting/**',
      'packages/api/src/sales/**',
    ],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  // Plain JavaScript (this file) is in no tsconfig: lint it without type information. Last, so
  // no block above turns a type-checked rule back on for it.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
