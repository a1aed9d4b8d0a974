import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const infrastructure = ['pg', 'kysely', 'fastify', 'bullmq', 'ioredis', '@electric-sql/pglite'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'bench/out/**', '.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
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
);
