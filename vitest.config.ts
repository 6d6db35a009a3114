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
    // One module graph per worker instead of one per file: ts-mls, node-forge and the harness are
    // imported once per worker rather than 89 times (the suite went from 127 s to 81 s on 2 cores).
    // Safe because no test keeps state at module level that another file could see: every network
    // restores the globals it patched on dispose, and fast-check's global seed is the same for all.
    isolate: false,
  },
});
