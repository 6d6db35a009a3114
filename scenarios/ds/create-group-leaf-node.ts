import { createRefused, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  // RFC 9420 §7.3: the LeafNode's own signature must verify; one flipped bit breaks only that.
  const flip = (signature: Uint8Array) => signature.map((byte, i) => (i === 0 ? byte ^ 1 : byte));
  return createRefused(ctx, alice, { editLeaf: (leaf) => ({ ...leaf, signature: flip(leaf.signature) }) }, [{ status: 422, code: 'invalid_leaf_node' }], 'a CreateGroup whose leaf_node signature does not verify');
}

/**
 * DS draft "Create group"; profile §3: the creator's LeafNode must pass
 * RFC 9420 §7.3 (`invalid_leaf_node`), checked before the GroupInfo.
 *
 * @example
 * await runCatalog({ target, checks: [createGroupLeafNode], seed: 1 });
 */
export const createGroupLeafNode: Check = {
  id: 'ds.create-group.leaf-node',
  section: 'DS draft "Create group"; PROFILE §3',
  quote: 'create_group: leaf_node fails RFC 9420 §7.3',
  level: 'PROFILE',
  role: 'ds',
  run,
};
