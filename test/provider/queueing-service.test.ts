import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode, fromHex, MLS_SAMPLES, mlsMessage } from '../../harness/codec/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, queueingServiceResponse, type ClientId, type QSRequestType } from '../../harness/messages/index.js';
import { generateSignatureKeys, signWithLabel } from '../../harness/mls/index.js';
import { createFederation, type Federation } from '../../harness/scenario/index.js';

const bob: ClientId = { user: { user_name: 'bob', domain: 'beta.test' }, client_name: 'phone' };
const welcome = decode(mlsMessage, fromHex(MLS_SAMPLES.mls_welcome[0] ?? '', 'welcome'));
const otherWelcome = decode(mlsMessage, fromHex(MLS_SAMPLES.mls_welcome[1] ?? '', 'welcome'));
const keyPackageMessage = decode(mlsMessage, fromHex(MLS_SAMPLES.mls_key_package[0] ?? '', 'key_package'));
/** A PrivateMessage of a group whose id is no MimiGroupId of the sender (an MLS WG vector). */
const foreignGroupMessage = decode(mlsMessage, fromHex(MLS_SAMPLES.private_message[0] ?? '', 'private_message'));

let federation: Federation;
beforeEach(async () => {
  federation = await createFederation({ seed: 12, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }] });
  federation.provider('beta.test').directory.addClient(bob);
});
afterEach(async () => {
  await federation.dispose();
});

interface Crafted {
  type?: QSRequestType;
  label?: QSRequestType;
  recipient?: string;
  recipients?: ClientId[];
  messageId?: bigint;
  message?: typeof welcome;
  signKey?: Uint8Array;
}

/** A QueueingServiceRequest from ds.alpha.test, signed with alpha's key unless told otherwise. */
async function crafted(options: Crafted = {}): Promise<Uint8Array> {
  const type = options.type ?? 'deliver_message';
  const fields = { protocol_version: 1 as const, sender: 'ds.alpha.test', recipient: options.recipient ?? 'ds.beta.test', message_id: options.messageId ?? 1n, recipient_ids: options.recipients ?? [bob], mls_message: options.message ?? welcome };
  const signature = await signWithLabel(options.signKey ?? federation.provider('alpha.test').signingKey.signKey, FANOUT_SIGNATURE_LABELS[options.label ?? type], encode(dsFanoutRequestTbs, fields));
  return encode(queueingServiceRequest, { request_type: type, fanout_request: { ...fields, signature } });
}

async function deliver(body: Uint8Array, path = '/deliver_message'): Promise<[number, string]> {
  const response = await federation.network.fetch(`https://ds.beta.test${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'alpha.test');
  const decoded = decode(queueingServiceResponse, new Uint8Array(await response.arrayBuffer())).response_body;
  return [response.status, decoded.response_type === 'error' ? decoded.error.code : 'ok'];
}

const queued = () => federation.provider('beta.test').takeMessages(bob);

describe('POST /deliver_message and /connection_request (profile §5, §6, §13)', () => {
  it('queues a signed delivery once; an identical repeat gets the same answer, a reused id with other content is refused', async () => {
    const body = await crafted();
    expect(await deliver(body)).toEqual([200, 'ok']);
    expect(await deliver(body)).toEqual([200, 'ok']);
    expect(await deliver(await crafted({ message: otherWelcome }))).toEqual([409, 'duplicate_message_id']);
    const messages = queued();
    expect(messages.map((m) => [m.sender, m.messageId, m.kind])).toEqual([['ds.alpha.test', 1n, 'deliver_message']]);
    expect(Buffer.from(messages[0]?.message ?? []).equals(Buffer.from(welcome.bytes))).toBe(true);
  });

  it('concurrent repeats are processed once: identical ones share the answer, other content is refused', async () => {
    const body = await crafted({ messageId: 50n });
    const answers = await federation.network.drive(Promise.all([deliver(body), deliver(body), deliver(await crafted({ messageId: 50n, message: otherWelcome }))]));
    expect(answers).toEqual([[200, 'ok'], [200, 'ok'], [409, 'duplicate_message_id']]);
    expect(queued()).toHaveLength(1);
  });

  it('only the owner of a group delivers its messages (transport draft "Deliver Message")', async () => {
    expect(await deliver(await crafted({ message: foreignGroupMessage, messageId: 60n }))).toEqual([403, 'unauthorized']);
    expect(queued()).toEqual([]);
  });

  it('refuses, storing nothing: another recipient first, then a forged signature, another provider’s client, an unknown client', async () => {
    const forger = await generateSignatureKeys();
    const cases: [Crafted, [number, string]][] = [
      [{ recipient: 'ds.gamma.test', signKey: forger.signKey }, [421, 'wrong_recipient']],
      [{ signKey: forger.signKey }, [403, 'invalid_signature']],
      [{ recipients: [{ ...bob, user: { ...bob.user, domain: 'alpha.test' } }] }, [421, 'wrong_recipient']],
      [{ recipients: [{ ...bob, client_name: 'tablet' }] }, [404, 'unknown_client']],
      [{ recipients: [] }, [400, 'invalid_request']],
    ];
    let id = 10n;
    for (const [options, expected] of cases) expect(await deliver(await crafted({ ...options, messageId: (id += 1n) })), JSON.stringify(expected)).toEqual(expected);
    expect(queued()).toEqual([]);
  });

  it('the type selects the path and the signature label; a connection request carries a Welcome', async () => {
    expect(await deliver(await crafted({ type: 'connection_request', message: welcome }), '/deliver_message')).toEqual([400, 'wrong_endpoint']);
    expect(await deliver(await crafted({ type: 'deliver_message' }), '/connection_request')).toEqual([400, 'wrong_endpoint']);
    // A delivery signed with the connection-request label does not verify as a delivery (no cross-replay).
    expect(await deliver(await crafted({ label: 'connection_request', messageId: 2n }))).toEqual([403, 'invalid_signature']);
    expect(await deliver(await crafted({ type: 'connection_request', messageId: 3n, message: keyPackageMessage }), '/connection_request')).toEqual([422, 'invalid_message']);
    expect(queued()).toEqual([]);
    expect(await deliver(await crafted({ type: 'connection_request', message: welcome, messageId: 4n }), '/connection_request')).toEqual([200, 'ok']);
    expect(queued().map((m) => m.kind)).toEqual(['connection_request']);
  });
});
