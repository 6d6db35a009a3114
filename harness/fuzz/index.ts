/**
 * Differential fuzzing of wire-struct decoders (docs/FUZZING.md, issue 12):
 * the decoder protocol, inputs drawn from the arbitraries, the vectors and a
 * corpus with structure-aware mutations, verdicts against the profile's
 * strict decoder, minimized findings.
 *
 * @example
 * import { fuzz, spawnedTarget } from 'mimi-transport-harness/fuzz';
 * const target = spawnedTarget({ command: './my-decoder', warmup: { struct: 'varint', hex: '00' } });
 * const summary = await fuzz(target, { structs: ['DSError'], seed: 1, runs: 10_000 });
 * await target.close();
 */
export { findingFileName, profileRecord, type Finding, type ProfileRecord } from './finding.js';
export { bytesOfHex, hexOf, sameBytes } from './hex.js';
export { inputAt, type FuzzInput } from './inputs.js';
export { FINDING_KINDS, judge, type FindingKind } from './judge.js';
export { minimize, type MinimizeBudget, type Minimized } from './minimize.js';
export { MUTATORS, mutate, VARINT_BOUNDARIES, type Mutant } from './mutations.js';
export { ownAnswer, profileVerdict, withoutStacks, type ProfileVerdict } from './profile-verdict.js';
export { answerLine, BAD_LINE, parseAnswerLine, parseRequestLine, requestLine, UNSUPPORTED_STRUCT, type Answer } from './protocol.js';
export { insertIntoVector, rewriteVector } from './relayout.js';
export { rngFor } from './rng.js';
export { fuzz, type FuzzOptions, type FuzzProgress, type FuzzShard, type FuzzSummary } from './run.js';
export { buildSeeds, type CorpusInput, type Seed, type SeedSources } from './seeds.js';
export { spawnedTarget, TargetStartError, type SpawnOptions } from './spawned-target.js';
export { protocolCodec, protocolStructNames } from './structs.js';
export { inProcessTarget, ownDecoder, protocolAnswer, type TargetAnswer, type FuzzTarget, type InProcessDecoder, type RunOptions, type TargetInput, type TargetOutcome } from './target.js';
export { readCorpus, readFinding, shellQuote, writeFinding, type FindingFile } from './corpus.js';
export { warmupInput } from './warmup.js';
export { fuzzEndpoints, FUZZ_ENDPOINTS, type EndpointFuzzOptions, type EndpointFuzzSummary } from './endpoint-fuzz.js';
export { fuzzEndpointsOn, type EndpointCampaign, type EndpointCampaignOptions, type EndpointCounts, type EndpointFinding, type EndpointFindingKind } from './endpoint-run.js';
export { buildEndpointWorld, endpointSeeds, type EndpointSeed, type EndpointWorld } from './endpoint-seeds.js';
export { baseline, stateChange, unhealthy, type Baseline } from './endpoint-state.js';
export { ENDPOINT_PLANTED, type EndpointPlantedBug } from './endpoint-planted.js';
export { endpointFindingFileName, writeEndpointFinding } from './endpoint-corpus.js';
