import { defineConfig } from 'vitest/config';

// Tests talk to real servers (embedded Postgres, the local Postgres and MariaDB, Docker), so they are
// slow to start and the machine has two cores: run files in a few forks, with generous timeouts.
export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
