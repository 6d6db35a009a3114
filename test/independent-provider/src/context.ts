import type { DsGroup } from 'mimi-transport-harness/mls';
import type { Directory } from './directory.js';
import type { Discovery } from './discovery.js';
import type { Outbox } from './outbox.js';
import type { Peers } from './peers.js';
import type { ReplayMemory } from './replay-memory.js';
import type { Limiter } from './rate-limits.js';
import type { KeyCache } from './verification-keys.js';

/** Everything the endpoints share: this provider's names, keys and state (all in memory). */
export interface ProviderContext {
  /** The provider domain (the users' domain), e.g. `indie.test`. */
  readonly domain: string;
  /** The DS domain discovery gives, e.g. `ds.indie.test`. */
  readonly dsDomain: string;
  /** The provider's Ed25519 verification key pair (profile §5, §7). */
  readonly keys: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  readonly peers: () => Peers;
  readonly discovery: Discovery;
  readonly keyCache: KeyCache;
  readonly replays: ReplayMemory;
  readonly limiter: Limiter;
  readonly directory: Directory;
  readonly outbox: Outbox;
  /** The groups this DS owns, by group id in hex. */
  readonly groups: Map<string, DsGroup>;
  /** Ids of deleted groups: never used again (profile §14). */
  readonly retired: Set<string>;
  /** Application messages accepted in a group's current epoch, by digest (profile §14: a repeat is ok, not fanned out again). */
  readonly accepted: Map<string, { epoch: bigint; digests: Set<string> }>;
  /** Runs `body` alone for one key (a group id), so that two operations on a group never interleave. */
  readonly exclusive: <T>(key: string, body: () => Promise<T>) => Promise<T>;
  readonly log: (line: string) => void;
}

/**
 * A per-key lock: operations on one group run one after the other.
 *
 * @example
 * const exclusive = createExclusive();
 * await exclusive('ab12', async () => { ... });
 */
export function createExclusive(): ProviderContext['exclusive'] {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, body: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(body, body);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
