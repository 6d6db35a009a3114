import { createRefused, groupIdNaming, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  const other = ctx.peers[0]?.dsDomain ?? 'ds.elsewhere.test';
  return createRefused(ctx, alice, { groupId: groupIdNaming(ctx, other) }, [{ status: 422, code: 'invalid_group_id' }], `a CreateGroup whose group id names ${other}`);
}

/**
 * DS draft "Create group"; profile §2, §3: the group id of a CreateGroup
 * must be a MimiGroupId naming the DS it is sent to (`invalid_group_id`).
 *
 * @example
 * await runCatalog({ target, checks: [createGroupGroupId], seed: 1 });
 */
export const createGroupGroupId: Check = {
  id: 'ds.create-group.group-id',
  section: 'DS draft "Create group"; PROFILE §2, §3',
  quote: 'create_group: group_id empty, not a MimiGroupId, or naming another DS',
  level: 'PROFILE',
  role: 'ds',
  run,
};
