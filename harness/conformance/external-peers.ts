import { createHash } from 'node:crypto';
import { startPeerFronts, type PeerFronts } from '../network/index.js';
import type { Check } from './check.js';
import { PEER_DOMAINS } from './peer-domains.js';

/**
 * The harness peers' domains for one check against an external target:
 * `peer-a-<tag>.test` …, the tag the first 8 hex digits of SHA-256 of the
 * check id. An external target keeps its state for the whole run (its
 * outbox towards a peer, the peer's cached verification key, its rate
 * limits per group and member); fresh names per check keep one check's
 * peers from meeting another check's leftovers, as an in-process target
 * (fresh per check) never does. The names are the same in every run and
 * every shard (a check is in exactly one shard).
 *
 * @example
 * externalPeerDomains('ds.send-message.fan-out')[0] // 'peer-a-<8 hex>.test'
 */
export function externalPeerDomains(checkId: string): readonly string[] {
  const tag = createHash('sha256').update(checkId).digest('hex').slice(0, 8);
  return PEER_DOMAINS.map((domain) => domain.replace(/\.test$/, `-${tag}.test`));
}

/**
 * The run-wide peer fronts for these checks against an external target:
 * every name of each check's peers ({@link externalPeerDomains}, the first
 * `check.peers` of them, default 2) and its `ds.` name, all on one loopback port.
 *
 * @example
 * const fronts = await startExternalPeerFronts(checks);
 * writeFileSync('peers/hosts.json', JSON.stringify(fronts.hosts));
 */
export function startExternalPeerFronts(checks: readonly Pick<Check, 'id' | 'peers'>[]): Promise<PeerFronts> {
  const domains = new Set(checks.flatMap((check) => externalPeerDomains(check.id).slice(0, check.peers ?? 2)));
  return startPeerFronts([...domains].map((domain) => ({ domain, dsDomain: `ds.${domain}` })));
}
