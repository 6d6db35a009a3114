import { DEFAULT_MAX_BODY } from '../../harness/provider/index.js';
import type { Target } from '../../harness/conformance/index.js';

/**
 * One variant of the reference provider with one deliberate defect (issue
 * 10 §4), and the checks that must catch it. `target` builds it on a domain.
 *
 * @example
 * const variant: PlantedBug = { name: 'fans out to the sender', caughtBy: ['ds.send-message.fan-out'], target: (domain) => referenceTarget({ domain, defects: { fanOutToSender: true } }) };
 */
export interface PlantedBug {
  readonly name: string;
  /** Ids of the checks that fail against it (at least one; the matrix test asserts exactly these fail). */
  readonly caughtBy: readonly string[];
  readonly target: (domain: string) => Target;
}

/**
 * Whether a wrapper may read this request's body: its declared length is
 * within the reference's body limit (profile §10). A wrapper that read an
 * oversize or unframed body would plant a second bug (reading before the
 * 413 check), so wrappers leave those to the provider's own answers.
 *
 * @example
 * if (!mayReadBody(request)) return inner(request, info);
 */
export function mayReadBody(request: Request): boolean {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  return Number.isInteger(length) && length <= DEFAULT_MAX_BODY;
}
