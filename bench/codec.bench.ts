import fc from 'fast-check';
import { decodeMlsMessage } from 'ts-mls/message.js';
import { bench, describe } from 'vitest';
import { decode, encode, fromHex, MLS_SAMPLES, mlsMessage, opaqueV } from '../harness/codec/index.js';
import { dsFanoutRequest, dsRequest, REGISTRY, type DSRequest } from '../harness/messages/index.js';
import { recordMeta } from './meta.js';

// One fixed DSRequest per request type, from the seeded arbitrary.
const requests = fc.sample(dsRequest.arbitrary(), { seed: 1, numRuns: 64 });
const encoded = requests.map((r) => encode(dsRequest, r));
const welcome = fromHex(MLS_SAMPLES.mls_welcome[0], 'welcome');
const commitBytes = fromHex(MLS_SAMPLES.public_message_commit[0], 'commit');
const applicationBytes = fromHex(MLS_SAMPLES.private_message[0], 'private message');
const big = encode(opaqueV, new Uint8Array(1 << 20));

/** The first seeded DSRequest of a request type, its embedded MLS values replaced by real ones. */
function requestOf(type: DSRequest['request_body']['request_type']): DSRequest {
  const found = fc.sample(dsRequest.arbitrary(), { seed: 3, numRuns: 2000 }).find((r) => r.request_body.request_type === type);
  if (found === undefined) throw new Error(`no ${type} in the sample`);
  return found;
}

// Issue 13 §2 "Codec": realistic requests. add_users carries a real commit and N real Welcomes
// (DS draft "Add users to a group"); send_message a real PrivateMessage; the fan-out a real commit.
const addUsersBase = requestOf('ds_add_users');
const welcomeValue = decode(mlsMessage, welcome);
const commitValue = decode(mlsMessage, commitBytes);
function addUsers(welcomes: number): DSRequest {
  const body = addUsersBase.request_body;
  if (body.request_type !== 'ds_add_users') throw new Error('not add_users');
  const add_users_request = { group_update: { ...body.add_users_request.group_update, commit: commitValue }, welcome_messages: Array.from({ length: welcomes }, () => welcomeValue) };
  return { ...addUsersBase, request_body: { ...body, add_users_request } };
}
const sendBase = requestOf('ds_send_message');
const sendMessage: DSRequest = (() => {
  const body = sendBase.request_body;
  if (body.request_type !== 'ds_send_message') throw new Error('not send_message');
  return { ...sendBase, request_body: { ...body, send_message_request: { application_message: decode(mlsMessage, applicationBytes) } } };
})();
const [fanoutBase] = fc.sample(dsFanoutRequest.arbitrary(), { seed: 1, numRuns: 1 });
if (fanoutBase === undefined) throw new Error('no DSFanoutRequest sample');
const fanout = { ...fanoutBase, mls_message: commitValue };

interface Realistic {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The MLS values inside, as ts-mls decodes them on its own. */
  readonly mls: readonly Uint8Array[];
  readonly decodeOurs: (bytes: Uint8Array) => unknown;
  readonly encodeOurs: () => Uint8Array;
}
const realistic: Realistic[] = [
  ...[1, 10, 100].map((n): Realistic => {
    const value = addUsers(n);
    return { name: `add_users, ${n} Welcome${n === 1 ? '' : 's'}`, bytes: encode(dsRequest, value), mls: [commitBytes, ...Array.from({ length: n }, () => welcome)], decodeOurs: (b) => decode(dsRequest, b), encodeOurs: () => encode(dsRequest, value) };
  }),
  { name: 'send_message', bytes: encode(dsRequest, sendMessage), mls: [applicationBytes], decodeOurs: (b) => decode(dsRequest, b), encodeOurs: () => encode(dsRequest, sendMessage) },
  { name: 'DSFanoutRequest (commit)', bytes: encode(dsFanoutRequest, fanout), mls: [commitBytes], decodeOurs: (b) => decode(dsFanoutRequest, b), encodeOurs: () => encode(dsFanoutRequest, fanout) },
];

for (const r of realistic) {
  recordMeta(`codec.${r.name}`, { bytes: r.bytes.length, mlsBytes: r.mls.reduce((sum, b) => sum + b.length, 0) });
  describe(`codec: ${r.name}`, () => {
    bench('decode (ours: the whole request, MLS values through ts-mls plus the canonical re-encode check)', () => {
      r.decodeOurs(r.bytes);
    });
    bench('encode (ours)', () => {
      r.encodeOurs();
    });
    bench("ts-mls's own decoder on the MLS values inside", () => {
      for (const bytes of r.mls) decodeMlsMessage(bytes, 0);
    });
  });
}

describe('DSRequest codec, one of each request type (seeded)', () => {
  bench('decode 64 DSRequests', () => {
    for (const bytes of encoded) decode(dsRequest, bytes);
  });
  bench('encode 64 DSRequests', () => {
    for (const request of requests) encode(dsRequest, request);
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
