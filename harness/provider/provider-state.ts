import type { DsGroup } from '../mls/index.js';
import type { Directory } from './directory.js';
import type { ReplayStore } from './replay-store.js';
import type { VerificationKeys } from './verification-keys.js';

/** What every endpoint of one provider shares. */
export interface ProviderState {
  readonly domain: string;
  readonly dsDomain: string;
  /** The provider's verification key (Ed25519), which signs its provider-to-provider payloads (profile §7). */
  readonly verificationKey: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  /** Source of group id bytes; seeded in simulations so runs are reproducible. */
  readonly randomBytes: (length: number) => Uint8Array;
  readonly maxBodyBytes: number;
  readonly directory: Directory;
  readonly verificationKeys: VerificationKeys;
  readonly replays: ReplayStore;
  /** The groups this DS owns, by group id (hex). */
  readonly groups: Map<string, DsGroup>;
}
