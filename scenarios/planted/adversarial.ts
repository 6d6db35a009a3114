import { referenceTarget } from '../../harness/conformance/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const withDefects = (name: string, caughtBy: readonly string[], defects: ProviderDefects): PlantedBug => ({ name, caughtBy, target: (domain) => referenceTarget({ domain, name, defects }) });

/** Planted bugs the adversarial checks catch (issue 10 §4). */
export const ADVERSARIAL_PLANTED: readonly PlantedBug[] = [
  withDefects('trusts the sender field of a delivery', ['adversarial.spoofed-sender', 'forwarding.deliver-message.wrong-label'], { trustSenderField: ['/deliver_message'] }),
];
