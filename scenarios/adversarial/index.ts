import type { Check } from '../../harness/conformance/index.js';
import { forwardedDelivery, relabelledDelivery, spoofedSender } from './guest-forgeries.js';
import { replayedConnectionKeyPackageRequest, replayedConnectionRequest, replayedFanOut, replayedKeyPackageRequest, reusedMessageId } from './replays.js';

/** Adversarial checks (issue 10 §3): attacks by a malicious peer persona, each refused with the profile's code and leaving nothing behind. */
export const ADVERSARIAL_CHECKS: readonly Check[] = [forwardedDelivery, spoofedSender, relabelledDelivery, replayedFanOut, reusedMessageId, replayedConnectionRequest, replayedKeyPackageRequest, replayedConnectionKeyPackageRequest];

export { forwardedDelivery, relabelledDelivery, replayedConnectionKeyPackageRequest, replayedConnectionRequest, replayedFanOut, replayedKeyPackageRequest, reusedMessageId, spoofedSender };
