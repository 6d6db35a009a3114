import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'scenarios/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
    // Vitest's default leaves one core to the main process, which does next to nothing here:
    // on the 2-core machines of CI that ran every file on one worker. Every test runs on the
    // virtual clock, so sharing the cores changes no verdict (npm run test:repeat -- --load).
    maxWorkers: availableParallelism(),
  },
});
