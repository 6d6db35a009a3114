import type { DSErrorCode } from '../messages/index.js';
import { DsRefusal, type DsRefusalReason } from '../mls/index.js';
import { ProviderError } from './provider-error.js';

/** Each DS tracker refusal as the DSError code a client gets (profile §3). */
const CODE_OF: Readonly<Record<DsRefusalReason, DSErrorCode>> = {
  wrong_epoch: 'wrong_epoch',
  unknown_group: 'unknown_group',
  bad_signature: 'invalid_signature',
  not_a_member: 'not_a_member',
  invalid_proposal: 'invalid_proposal',
  unknown_proposal_reference: 'invalid_commit',
  missing_proposal: 'missing_proposal',
  invalid_commit: 'invalid_commit',
  invalid_group_info: 'invalid_group_info',
  invalid_group_info_signature: 'invalid_group_info',
  // A re-initialized group takes no more commits (RFC 9420 §11.2).
  suspended: 'invalid_commit',
};

/**
 * Runs a tracker step, turning its DsRefusal into the matching ProviderError.
 *
 * @example
 * const result = await asDsError(() => processCommit(group, message, partial));
 */
export async function asDsError<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DsRefusal) throw new ProviderError(CODE_OF[error.reason], error.message);
    throw error;
  }
}

/**
 * {@link asDsError} for a synchronous check.
 *
 * @example
 * asDsErrorSync(() => { checkCommitPathLeaf(message); });
 */
export function asDsErrorSync<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DsRefusal) throw new ProviderError(CODE_OF[error.reason], error.message);
    throw error;
  }
}
