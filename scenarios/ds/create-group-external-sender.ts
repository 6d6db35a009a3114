import { createRefused, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  return createRefused(ctx, alice, { dsAsExternalSender: false }, [{ status: 422, code: 'invalid_group_info' }], 'a CreateGroup whose GroupInfo does not list the DS in external_senders');
}

/**
 * DS draft "Create group", "DS-initiated operations"; profile §12: every
 * MIMI group lists its owning DS, with the DS's key, in `external_senders`
 * (`invalid_group_info` otherwise).
 *
 * @example
 * await runCatalog({ target, checks: [createGroupExternalSender], seed: 1 });
 */
export const createGroupExternalSender: Check = {
  id: 'ds.create-group.external-sender',
  section: 'DS draft "Create group"; PROFILE §3, §12',
  quote: 'all groups MUST contain an external_senders extension',
  level: 'PROFILE',
  role: 'ds',
  run,
};
