import { craftCreateGroupFrom, harnessClient, judgeCreateRefusal, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { keyPackageWithLeafExtensions, UNVERSIONED_LEAVES } from './crafted-leaves.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  const verdicts: CheckVerdict[] = [];
  for (const leaf of UNVERSIONED_LEAVES) {
    // The group is built and signed over this very leaf: the request is consistent, only the leaf's extension is wrong.
    const crafted = await craftCreateGroupFrom(ctx, alice, await keyPackageWithLeafExtensions(alice.identity, leaf.extensions));
    const verdict = await judgeCreateRefusal(ctx, alice, crafted, [{ status: 422, code: 'invalid_leaf_node' }], `a CreateGroup whose creator's LeafNode has ${leaf.what}`);
    if (verdict.status !== 'pass') return verdict;
    verdicts.push(verdict);
  }
  return { status: 'pass', expected: verdicts.map((v) => v.expected).join('; '), actual: verdicts.map((v) => v.actual).join('; ') };
}

/**
 * DS draft "Version agility"; profile §3, §12: the creator's LeafNode is one
 * the DS takes in, so it must carry `mimi_supported_versions` listing
 * version 1; a CreateGroup whose leaf lacks it, or lists only other
 * versions, is refused with `invalid_leaf_node`, and the same creator's
 * valid CreateGroup right after is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [createGroupSupportedVersions], seed: 1 });
 */
export const createGroupSupportedVersions: Check = {
  id: 'ds.create-group.supported-versions',
  section: 'DS draft "Version agility", "Create group"; PROFILE §3, §12',
  quote: 'MLS DS protocol clients MUST make use of a LeafNode extension to advertise the MIMI DS protocol versions they support.',
  level: 'MUST',
  role: 'ds',
  run,
};
