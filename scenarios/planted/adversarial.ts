import { referenceTarget, wrapTarget } from '../../harness/conformance/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { acknowledgesBadCommitSignatures, acknowledgesOwnDeliveries, cachesGroupOperationAnswers, skipsOwnerCheck } from './adversarial-wrappers.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const withDefects = (name: string, caughtBy: readonly string[], defects: ProviderDefects): PlantedBug => ({ name, caughtBy, target: (domain) => referenceTarget({ domain, name, defects }) });

const wrapped = (name: string, caughtBy: readonly string[], wrap: (dsDomain: string) => (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy, target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap(`ds.${domain}`)) });

/**
 * Planted bugs the adversarial checks catch (issue 10 §4).
 *
 * @example
 * for (const bug of ADVERSARIAL_PLANTED) await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
 */
export const ADVERSARIAL_PLANTED: readonly PlantedBug[] = [
  withDefects('accepts a replayed fan-out twice', ['adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.refused-then-fixed'], { noReplayMemory: ['/deliver_message'] }),
  withDefects('queues a replayed connection request again', ['adversarial.replay.connection-request'], { noReplayMemory: ['/connection_request'] }),
  withDefects('hands out another KeyPackage to a replayed GroupKeyPackageRequest', ['adversarial.replay.key-package-request'], { noReplayMemory: ['/group_key_packages'] }),
  withDefects('uses up a connection KeyPackage again for a replayed request', ['adversarial.replay.connection-key-package-request'], { noReplayMemory: ['/connection_key_packages'] }),
  wrapped('acknowledges a reflected delivery of its own', ['adversarial.reflection', 'properties.fan-out.under-faults'], acknowledgesOwnDeliveries),
  wrapped('answers a replayed commit from an idempotency cache', ['adversarial.commit-replay.cross-epoch'], () => cachesGroupOperationAnswers),
  wrapped('answers ok to a commit whose signatures do not verify', ['adversarial.commit-replay.cross-group', 'ds.auth.bad-signature'], () => acknowledgesBadCommitSignatures),
  wrapped('skips the owner check (a foreign group is unknown_group)', ['adversarial.foreign-group'], () => skipsOwnerCheck),
  withDefects('serves welcome_information to any member', ['adversarial.welcome-info.foreign-leaf'], { welcomeInfoToAnyMember: true }),
  withDefects('no KeyPackage budget for anonymous retrieval', ['adversarial.key-package-drain', 'rate-limit.key-package.per-client'], { noKeyPackageBudget: true }),
  withDefects('follows a discovery redirect to an attacker\'s DS', ['adversarial.discovery-redirect'], { followDiscoveryRedirects: true }),
  withDefects('trusts the sender field of a delivery', ['adversarial.spoofed-sender', 'forwarding.deliver-message.wrong-label', 'scripted.verification-key.rotation', 'adversarial.replay.refused-then-fixed'], { trustSenderField: ['/deliver_message'] }),
];
