import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources: the `source` export condition points every
// @erpcore/* import at src/, so no build is needed before `npm test`.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_OPTIONS: '--conditions=source' },
  },
});
