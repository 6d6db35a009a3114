import type { ProviderDefects } from './defects.js';
import type { DsGroup } from '../mls/index.js';
import type { ProviderClock } from './clock.js';
import type { ClientQueues } from './client-queues.js';
import type { Directory } from './directory.js';
import type { Discovery } from '../discovery/index.js';
import type { Outbox, OutboxStore } from './outbox.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ReplayStore } from './replay-store.js';
import type { VerificationKeys } from './verification-keys.js';

/** What survives a crash and restart of the provider (its "disk"). */
export interface DurableProviderState {
  /** The provider's verification key (Ed25519), which signs its provider-to-provider payloads (profile §7). */
  verificationKey: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  readonly directory: Directory;
  readonly replays: ReplayStore;
  /** The groups this DS owns, by group id (hex). */
  readonly groups: Map<string, DsGroup>;
  readonly outboxStore: OutboxStore;
  readonly queues: ClientQueues;
  /** message_id of the next delivery to one of the provider's own clients. */
  nextLocalMessageId: bigint;
  /** Ids of deleted groups: never handed out or created again (profile §2, local_id unique). */
  readonly retiredGroupIds: Set<string>;
  /** Group ids named by an accepted ReInit, kept for the committer (its ClientID in text form and its leaf's signature key) that creates the new group. */
  readonly reservedGroupIds: Map<string, { readonly client: string; readonly signatureKey: Uint8Array }>;
  /** Hashes of the application messages accepted in each group's current epoch, so a replayed SendMessage is not fanned out again. */
  readonly acceptedMessages: Map<string, { readonly epoch: bigint; readonly hashes: Set<string> }>;
  /** Runs `body` alone among the operations on one group, so two commits can never both pass against the same epoch. */
  readonly exclusive: <T>(groupKey: string, body: () => Promise<T>) => Promise<T>;
}

/** What every endpoint of one provider shares: the durable state and what a restart rebuilds. */
export interface ProviderState extends DurableProviderState {
  readonly domain: string;
  readonly dsDomain: string;
  /** Source of group id bytes; seeded in simulations so runs are reproducible. */
  readonly randomBytes: (length: number) => Uint8Array;
  readonly maxBodyBytes: number;
  readonly clock: ProviderClock;
  /** Planted bugs (issue 10 §4); empty for the reference behaviour. */
  readonly defects: ProviderDefects;
  readonly verificationKeys: VerificationKeys;
  readonly discovery: Discovery;
  readonly limiter: RateLimiter;
  readonly outbox: Outbox;
  /**
   * Throws `unavailable` if the provider crashed or restarted since this
   * state was built. Called right before a request writes durable state, so
   * a request that was under way in a process that has since died leaves
   * nothing behind (a crash loses in-flight work, never half of it).
   */
  live(): void;
}
