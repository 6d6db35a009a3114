import fc from 'fast-check';

/**
 * Property tests are reproducible: one seed drives them all. Set MIMI_SEED
 * to explore other cases; MIMI_FUZZ_RUNS to run more of them.
 */
const seed = Number(process.env.MIMI_SEED ?? 20261201);
fc.configureGlobal({ seed, numRuns: Number(process.env.MIMI_FUZZ_RUNS ?? 100) });
