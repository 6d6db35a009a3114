import { dsAttempt, groupOnTarget, memberAt, refusedWithoutEffect, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { createKeyPackage } from '../../../harness/mls/index.js';
import { addBody, keyPackageWithLeafExtensions, UNVERSIONED_LEAVES } from './crafted-leaves.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const carol = world.outsiders[0];
  if (carol === undefined) throw new Error('the world lost carol');
  const domain = carol.id.user.domain;
  const verdicts: CheckVerdict[] = [];
  for (const [index, leaf] of UNVERSIONED_LEAVES.entries()) {
    const bad = await addBody(alice, world.group, [{ domain, keyPackage: await keyPackageWithLeafExtensions(carol.identity, leaf.extensions) }], 'ds_add_users');
    // The same Add with carol's harness KeyPackage (mimi_supported_versions [1]) is accepted; sent once, after the last violation (it moves the epoch).
    const last = index === UNVERSIONED_LEAVES.length - 1;
    const good = last ? await addBody(alice, world.group, [{ domain, keyPackage: await createKeyPackage(carol.identity) }], 'ds_add_users') : undefined;
    const verdict = await refusedWithoutEffect(ctx, {
      group: world.group,
      what: `alice's ds_add_users adding carol with a KeyPackage whose LeafNode has ${leaf.what}`,
      attempt: () => dsAttempt(ctx, world.group, alice, bad),
      permitted: [{ status: 422, code: 'invalid_proposal' }],
      ...(good === undefined ? {} : { nextValid: () => dsAttempt(ctx, world.group, alice, good) }),
    });
    if (verdict.status !== 'pass') return verdict;
    verdicts.push(verdict);
  }
  return { status: 'pass', expected: verdicts.map((v) => v.expected).join('; '), actual: verdicts.map((v) => v.actual).join('; ') };
}

/**
 * DS draft "Version agility": clients MUST advertise the MIMI DS protocol
 * versions they support in a LeafNode extension. Profile §12: the DS checks
 * `mimi_supported_versions` on every LeafNode it takes in, and refuses an
 * Add whose KeyPackage's LeafNode lacks it, or lists no version 1, with
 * `invalid_proposal`; the same Add of a KeyPackage that lists [1] is
 * accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersSupportedVersions], seed: 1 });
 */
export const addUsersSupportedVersions: Check = {
  id: 'ds.add-users.supported-versions',
  section: 'DS draft "Version agility"; PROFILE §12',
  quote: 'MLS DS protocol clients MUST make use of a LeafNode extension to advertise the MIMI DS protocol versions they support.',
  level: 'MUST',
  role: 'ds',
  run,
};
