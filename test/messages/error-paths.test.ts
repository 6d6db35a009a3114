import { describe, expect, it } from 'vitest';
import { decode, encode, fromHex, MLS_SAMPLES, mlsMessage } from '../../harness/codec/index.js';
import { dsRequest, type DSRequest } from '../../harness/messages/index.js';
import { expectRefusal } from '../helpers/decode-error.js';

const message = (kind: keyof typeof MLS_SAMPLES, i = 0) => decode(mlsMessage, fromHex(MLS_SAMPLES[kind][i] ?? '', kind));

function addUsers(): DSRequest {
  return {
    version: 1,
    request_body: {
      request_type: 'ds_add_users',
      add_users_request: {
        group_update: { commit: message('public_message_commit'), partial_group_info: { group_info_extensions: [], signature: new Uint8Array(64) } },
        welcome_messages: [message('mls_welcome', 0), message('mls_welcome', 1), message('mls_welcome', 2)],
      },
    },
    authentication_data: { auth_type: 'client_signature', sender_index: 0, signature: new Uint8Array(64) },
  };
}

describe('DecodeError paths through the DS structs', () => {
  it('name the broken Welcome inside an AddUsers request', () => {
    const value = addUsers();
    const bytes = encode(dsRequest, value);
    expect(decode(dsRequest, bytes)).toEqual(value);
    const third = value.request_body.request_type === 'ds_add_users' ? value.request_body.add_users_request.welcome_messages[2] : undefined;
    if (third === undefined) throw new Error('no third welcome');
    const at = bytes.length - (1 + 4 + 1 + 64) - third.bytes.length;
    const broken = bytes.slice();
    broken[at + 1] = 0x09; // MLSMessage.version: mls10 (1) -> 9, which ts-mls cannot read
    expectRefusal(dsRequest, broken, { code: 'invalid-value', offset: at, path: 'DSRequest.request_body.add_users_request.welcome_messages[2]' }, { rootName: 'DSRequest' });
  });

  it('refuse an unsupported protocol version at offset 0', () => {
    const bytes = encode(dsRequest, addUsers());
    bytes[1] = 2;
    expectRefusal(dsRequest, bytes, { code: 'unknown-enum', offset: 0, path: 'DSRequest.version' }, { rootName: 'DSRequest' });
  });

  it('refuse an unknown request type where it stands', () => {
    const bytes = encode(dsRequest, addUsers());
    bytes[2] = 17;
    expectRefusal(dsRequest, bytes, { code: 'unknown-enum', offset: 2, path: 'DSRequest.request_body.request_type' }, { rootName: 'DSRequest' });
  });

  it('refuse an embedded MLS value with a non-minimal inner length (ts-mls alone accepts it)', () => {
    const bytes = encode(dsRequest, addUsers());
    // The commit starts after version(2) and request_type(1).
    const commitStart = 3;
    const commit = message('public_message_commit');
    const inner = commit.bytes.slice();
    // PublicMessage layout: version(2) wireformat(2) group_id<V>...: group_id's 1-byte header sits at 4.
    const groupIdLength = inner[4] ?? 0;
    const widened = new Uint8Array(inner.length + 1);
    widened.set(inner.subarray(0, 4));
    widened.set([0x40, groupIdLength], 4);
    widened.set(inner.subarray(5), 6);
    const mutated = new Uint8Array(bytes.length + 1);
    mutated.set(bytes.subarray(0, commitStart));
    mutated.set(widened, commitStart);
    mutated.set(bytes.subarray(commitStart + inner.length), commitStart + widened.length);
    const error = expectRefusal(dsRequest, mutated, { code: 'invalid-value', offset: commitStart, path: 'DSRequest.request_body.add_users_request.group_update.commit' }, { rootName: 'DSRequest' });
    expect(error.detail).toMatch(/not canonically encoded|could not be decoded|refused/);
  });
});
