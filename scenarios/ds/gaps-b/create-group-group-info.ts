import { groupInfoRefused, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  // The creator's GroupInfo with one bit of its signature flipped: everything else is valid (RFC 9420 §12.4.3).
  const flipped = { editGroupInfo: <T extends { signature: Uint8Array }>(gi: T): T => ({ ...gi, signature: gi.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) }) };
  return groupInfoRefused(ctx, alice, flipped, [{ status: 422, code: 'invalid_group_info' }], 'a CreateGroup whose GroupInfo signature does not verify');
}

/**
 * DS draft "Create group"; profile §3: the GroupInfo of a CreateGroup must
 * be valid under RFC 9420 §12.4.3, its signature by the creator verifying;
 * otherwise `invalid_group_info`, and no group is created.
 *
 * @example
 * await runCatalog({ target, checks: [createGroupGroupInfo], seed: 1 });
 */
export const createGroupGroupInfo: Check = {
  id: 'ds.create-group.group-info',
  section: 'DS draft "Create group"; PROFILE §3',
  quote: 'The GroupInfo MUST be valid, according to … 12.4.3.',
  level: 'MUST',
  role: 'ds',
  run,
};
