import { referenceTarget } from '../../harness/conformance/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const withDefects = (name: string, caughtBy: readonly string[], defects: ProviderDefects): PlantedBug => ({ name, caughtBy, target: (domain) => referenceTarget({ domain, name, defects }) });

/** Planted bugs the adversarial checks catch (issue 10 §4). */
export const ADVERSARIAL_PLANTED: readonly PlantedBug[] = [
  withDefects('accepts a replayed fan-out twice', ['adversarial.replay.fan-out', 'adversarial.replay.reused-message-id'], { noReplayMemory: ['/deliver_message'] }),
  withDefects('queues a replayed connection request again', ['adversarial.replay.connection-request'], { noReplayMemory: ['/connection_request'] }),
  withDefects('hands out another KeyPackage to a replayed GroupKeyPackageRequest', ['adversarial.replay.key-package-request'], { noReplayMemory: ['/group_key_packages'] }),
  withDefects('uses up a connection KeyPackage again for a replayed request', ['adversarial.replay.connection-key-package-request'], { noReplayMemory: ['/connection_key_packages'] }),
  withDefects('trusts the sender field of a delivery', ['adversarial.spoofed-sender', 'forwarding.deliver-message.wrong-label'], { trustSenderField: ['/deliver_message'] }),
];
