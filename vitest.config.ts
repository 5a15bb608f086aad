import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Tests wait on the state they assert, never on a guess of time; these limits only end a
    // test that hangs, and a machine shared with other work may be slow without being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: keep parallelism modest so timing-sensitive integration tests stay stable.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
