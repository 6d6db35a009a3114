import type { Check } from '../../harness/conformance/index.js';
import { crossEpochCommitReplay, crossGroupCommitReplay } from './commit-replays.js';
import { discoveryRedirect } from './discovery-redirect.js';
import { foreignGroup } from './foreign-group.js';
import { falseKeyPackages } from './false-key-packages.js';
import { keyPackageDrain } from './key-package-drain.js';
import { nonOwnerDelivery } from './non-owner-delivery.js';
import { reflection } from './reflection.js';
import { refusedRepeat } from './refused-repeat.js';
import { welcomeInfoForeignLeaf } from './welcome-info-foreign-leaf.js';
import { forwardedDelivery, relabelledDelivery, spoofedSender } from './guest-forgeries.js';
import { replayedConnectionKeyPackageRequest, replayedConnectionRequest, replayedFanOut, replayedKeyPackageRequest, reusedMessageId } from './replays.js';

/**
 * Adversarial checks (issue 10 §3): attacks by a malicious peer persona, each refused with the profile's code and leaving nothing behind.
 *
 * @example
 * await runCatalog({ target, checks: ADVERSARIAL_CHECKS, seed: 1 });
 */
export const ADVERSARIAL_CHECKS: readonly Check[] = [forwardedDelivery, spoofedSender, relabelledDelivery, replayedFanOut, reusedMessageId, replayedConnectionRequest, replayedKeyPackageRequest, replayedConnectionKeyPackageRequest, refusedRepeat, reflection, crossEpochCommitReplay, crossGroupCommitReplay, foreignGroup, welcomeInfoForeignLeaf, keyPackageDrain, discoveryRedirect, nonOwnerDelivery, falseKeyPackages];

export { discoveryRedirect, falseKeyPackages, nonOwnerDelivery, refusedRepeat, keyPackageDrain, crossEpochCommitReplay, crossGroupCommitReplay, foreignGroup, reflection, welcomeInfoForeignLeaf, forwardedDelivery, relabelledDelivery, replayedConnectionKeyPackageRequest, replayedConnectionRequest, replayedFanOut, replayedKeyPackageRequest, reusedMessageId, spoofedSender };
