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
    // Files share a worker process: importing the code base again for each of ~170 files cost
    // a third of the suite's time. Every file closes what it starts (servers, Redis connections,
    // its own key prefix) and restores what it changes, as it must for a daemon that runs for years.
    isolate: false,
    // Two cores: keep parallelism modest so timing-sensitive integration tests stay stable.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
