import { defineConfig } from 'vitest/config';

// Tests talk to real servers (embedded Postgres, the local Postgres and MariaDB, Docker) and count
// what is left on them afterwards, so files run one at a time: a count taken while another file's
// run is in flight would be wrong. Generous timeouts: servers and containers take seconds to start.
export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
