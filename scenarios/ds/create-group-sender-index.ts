import { createRefused, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  return createRefused(ctx, alice, { senderIndex: 1 }, [{ status: 403, code: 'unauthorized' }], 'a CreateGroup signed with sender_index 1');
}

/**
 * Profile §8: a CreateGroup's ClientSignature has `sender_index` 0 (the
 * creator is leaf 0); any other index is `unauthorized`.
 *
 * @example
 * await runCatalog({ target, checks: [createGroupSenderIndex], seed: 1 });
 */
export const createGroupSenderIndex: Check = {
  id: 'ds.create-group.sender-index',
  section: 'DS draft "Create group"; PROFILE §8',
  quote: 'ds_create_group … client_signature … MUST be 0; key of the request\'s leaf_node',
  level: 'PROFILE',
  role: 'ds',
  run,
};
