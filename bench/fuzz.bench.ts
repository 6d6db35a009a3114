import { fileURLToPath } from 'node:url';
import { afterAll, bench, describe } from 'vitest';
import { buildSeeds, fuzz, inProcessTarget, inputAt, protocolStructNames, spawnedTarget, warmupInput } from '../harness/fuzz/index.js';

// Issue 12 §4: at least 100,000 decode attempts per second per core against the in-process decoder.
// Each bench iteration is one fuzz run of RUNS inputs (draw, mutate, the profile's decode, the target's
// decode and re-encode, judge): inputs per second = RUNS × the reported hz.
const RUNS = 10_000;
const SMALL = ['varint', 'MimiGroupContext', 'MimiSupportedVersions'];
const TEXT = ['DSError', 'FQDN', 'UserID', 'ClientID'];

describe(`fuzz loop against the in-process decoder, ${RUNS} inputs per iteration`, () => {
  bench(`small structs (${SMALL.join(', ')})`, async () => {
    await fuzz(inProcessTarget(), { structs: SMALL, seed: 1, runs: RUNS });
  });
  bench(`structs with text fields (${TEXT.join(', ')})`, async () => {
    await fuzz(inProcessTarget(), { structs: TEXT, seed: 1, runs: RUNS });
  });
  bench('every struct (MLS values embedded through ts-mls dominate)', async () => {
    await fuzz(inProcessTarget(), { structs: protocolStructNames(), seed: 1, runs: RUNS / 10 });
  });
});

describe(`input generation alone, ${RUNS} inputs`, () => {
  const seeds = buildSeeds({ structs: protocolStructNames(), seed: 1 });
  bench('inputAt (mutations of every struct)', () => {
    for (let i = 0; i < RUNS; i++) inputAt(seeds, 1, i);
  });
});

describe(`the line protocol against a spawned \`mimi-harness decode --stdin\`, ${RUNS} inputs per iteration`, () => {
  const command = `node ${fileURLToPath(new URL('../bin/mimi-harness.js', import.meta.url))} decode --stdin`;
  const target = spawnedTarget({ command, warmup: warmupInput('DSError', 1) });
  afterAll(() => target.close());
  bench(`small and text structs (batched writes of 256 lines)`, async () => {
    await fuzz(target, { structs: [...SMALL, ...TEXT], seed: 1, runs: RUNS });
  });
});
