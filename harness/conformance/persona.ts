import { encode } from '../codec/index.js';
import {
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequest,
  connectionKeyPackageRequestTbs,
  dsFanoutRequestTbs,
  FANOUT_SIGNATURE_LABELS,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  queueingServiceRequest,
  type ConnectionKeyPackageRequestTbs,
  type DSFanoutRequestTbs,
  type GroupKeyPackageRequestTbs,
  type QSRequestType,
} from '../messages/index.js';
import { signWithLabel } from '../mls/index.js';
import type { CheckContext, Peer } from './check.js';
import { sendRequest, type WireAnswer } from './wire.js';

/** How a persona signs: with its own key (default) or another it holds, under the payload's label (default) or another. */
export interface SignAs {
  readonly signKey?: Uint8Array;
  readonly label?: string;
}

/**
 * A malicious peer (issue 10 §2): a harness peer that forges, replays,
 * reflects and misroutes provider-to-provider payloads (profile §5, §6, §7,
 * §13). It signs with its own verification key (the one its
 * `/verification_key` serves, so a target can fetch it) unless told to use
 * another key, names whatever sender and recipient it likes, and sends
 * from its own host, so the target sees it as that peer.
 */
export interface Persona {
  readonly domain: string;
  readonly dsDomain: string;
  /** The key its `/verification_key` serves the public half of. */
  readonly signKey: Uint8Array;
  /** A fresh message_id, far from those the honest peers use (profile §13). */
  freshMessageId(): bigint;
  /** A QueueingServiceRequest of `kind` (default deliver_message), signed. */
  fanout(fields: Omit<DSFanoutRequestTbs, 'protocol_version'>, kind?: QSRequestType, as?: SignAs): Promise<Uint8Array>;
  groupKeyPackageRequest(fields: Omit<GroupKeyPackageRequestTbs, 'protocol_version'>, as?: SignAs): Promise<Uint8Array>;
  connectionKeyPackageRequest(fields: Omit<ConnectionKeyPackageRequestTbs, 'protocol_version'>, as?: SignAs): Promise<Uint8Array>;
  /** POSTs `body` (bytes as they are) to `https://<host><path>` from the persona's host. */
  send(host: string, path: string, body: Uint8Array): Promise<WireAnswer>;
}

/**
 * The persona of harness peer `peer` (an index into `ctx.peers`, default the last one).
 *
 * @example
 * const mallory = persona(ctx);
 * const forged = await mallory.fanout({ sender: ctx.peers[0].dsDomain, recipient: ctx.target.dsDomain, message_id: mallory.freshMessageId(), recipient_ids, mls_message });
 * const answer = await mallory.send(ctx.target.dsDomain, '/deliver_message', forged);
 */
export function persona(ctx: CheckContext, peer: number = ctx.peers.length - 1): Persona {
  const home: Peer | undefined = ctx.peers[peer];
  if (home === undefined) throw new Error(`the check has no harness peer ${peer} (it has ${ctx.peers.length})`);
  // Far past the peer provider's own ids, which start past any an external target has seen (runner.ts firstMessageId).
  let nextId = home.firstMessageId + 1_000_000n + BigInt(peer) * 1_000n;
  const signKey = home.provider.signingKey.signKey;
  return {
    domain: home.domain,
    dsDomain: home.dsDomain,
    signKey,
    freshMessageId: () => nextId++,
    async fanout(fields, kind = 'deliver_message', as = {}) {
      const tbs = { protocol_version: 1 as const, ...fields };
      const signature = await signWithLabel(as.signKey ?? signKey, as.label ?? FANOUT_SIGNATURE_LABELS[kind], encode(dsFanoutRequestTbs, tbs));
      return encode(queueingServiceRequest, { request_type: kind, fanout_request: { ...tbs, signature } });
    },
    async groupKeyPackageRequest(fields, as = {}) {
      const tbs = { protocol_version: 1 as const, ...fields };
      const signature = await signWithLabel(as.signKey ?? signKey, as.label ?? GROUP_KEY_PACKAGE_REQUEST_LABEL, encode(groupKeyPackageRequestTbs, tbs));
      return encode(groupKeyPackageRequest, { ...tbs, signature });
    },
    async connectionKeyPackageRequest(fields, as = {}) {
      const tbs = { protocol_version: 1 as const, ...fields };
      const signature = await signWithLabel(as.signKey ?? signKey, as.label ?? CONNECTION_KEY_PACKAGE_REQUEST_LABEL, encode(connectionKeyPackageRequestTbs, tbs));
      return encode(connectionKeyPackageRequest, { ...tbs, signature });
    },
    send: (host, path, body) => sendRequest(ctx, { source: home.domain, url: `https://${host}${path}`, method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body }),
  };
}
