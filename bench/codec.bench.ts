import fc from 'fast-check';
import { bench, describe } from 'vitest';
import { decode, encode, fromHex, MLS_SAMPLES, mlsMessage, opaqueV } from '../harness/codec/index.js';
import { dsRequest, REGISTRY } from '../harness/messages/index.js';

// One fixed DSRequest per request type, from the seeded arbitrary.
const requests = fc.sample(dsRequest.arbitrary(), { seed: 1, numRuns: 64 });
const encoded = requests.map((r) => encode(dsRequest, r));
const welcome = fromHex(MLS_SAMPLES.mls_welcome[0], 'welcome');
const big = encode(opaqueV, new Uint8Array(1 << 20));

describe('DSRequest codec', () => {
  bench('decode 64 DSRequests', () => {
    for (const bytes of encoded) decode(dsRequest, bytes);
  });
  bench('encode 64 DSRequests', () => {
    for (const request of requests) encode(dsRequest, request);
  });
});

describe('embedded MLS value (ts-mls decode plus the canonical re-encode check)', () => {
  bench('decode MLSMessage(Welcome) through codec/mls', () => {
    decode(mlsMessage, welcome);
  });
});

describe('opaque<V>', () => {
  bench('decode 1 MiB opaque<V>', () => {
    decode(opaqueV, big);
  });
});

describe('registry', () => {
  const samples = REGISTRY.map((entry) => ({ entry, bytes: fc.sample(entry.codec.arbitrary(), { seed: 2, numRuns: 8 }).map((v) => encode(entry.codec, v)) }));
  bench('decode 8 values of every struct', () => {
    for (const { entry, bytes } of samples) for (const b of bytes) decode(entry.codec, b);
  });
});
