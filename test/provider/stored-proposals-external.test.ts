import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreesWithDs, groupMembers } from '../../harness/mls/index.js';
import type { VirtualClient } from '../../harness/scenario/index.js';
import { createDsWorld, type DsWorld, settleWorld } from '../helpers/ds-world.js';

let world: DsWorld;
beforeEach(async () => {
  world = await createDsWorld(41);
});
afterEach(async () => {
  await world.federation.dispose();
});

const settleAll = () => settleWorld(world);

const pending = {
  'a pending self-remove': async () => {
    await world.carol.selfRemove(world.group);
  },
  'a DS-proposed Remove': async () => {
    await world.federation.provider('alpha.test').proposeRemoval(world.carol.id);
  },
} as const;

const joins = {
  'an external join': (): VirtualClient => world.bobLaptop,
  'a resync': (): VirtualClient => world.bob,
} as const;

/**
 * Issue 9 §2, profile §14: an external commit cannot include stored
 * proposals (RFC 9420 §12.4.3.2), so the DS proposes them again at the new
 * epoch, and the next member commit carries them by reference (DS draft §5).
 */
describe('stored proposals survive an external commit', () => {
  for (const [what, propose] of Object.entries(pending)) {
    for (const [how, joiner] of Object.entries(joins)) {
      it(`${what} across ${how}: the next commit removes carol and everyone agrees`, async () => {
        const alpha = world.federation.provider('alpha.test');
        await propose();
        await settleAll();
        await joiner().externalJoin(world.group);
        await settleAll();
        const afterJoin = alpha.group(world.group);
        expect(Object.keys(afterJoin?.unappliedProposals ?? {})).toHaveLength(1);
        expect(world.carol.member(world.group)).toBeDefined();
        await world.alice.update(world.group);
        await settleAll();
        const ds = alpha.group(world.group);
        if (ds === undefined) throw new Error('no group');
        expect(world.carol.member(world.group)).toBeUndefined();
        expect(groupMembers(ds).map((m) => `${m.client?.user.user_name}/${m.client?.client_name}`).sort()).toEqual(how === 'a resync' ? ['alice/phone', 'bob/phone'] : ['alice/phone', 'bob/laptop', 'bob/phone']);
        const members = [world.alice, world.bob, world.bobLaptop].filter((c) => c.member(world.group) !== undefined);
        for (const c of members) expect(agreesWithDs(c.member(world.group) ?? never(), ds), c.id.client_name).toBe(true);
        expect(world.everyone.flatMap((c) => c.failures)).toEqual([]);
      });
    }
  }

  it('a moot stored Remove is not proposed again: carol self-removed, then resynced', async () => {
    const alpha = world.federation.provider('alpha.test');
    await world.carol.selfRemove(world.group);
    await settleAll();
    await world.carol.externalJoin(world.group);
    await settleAll();
    expect(Object.keys(alpha.group(world.group)?.unappliedProposals ?? {})).toHaveLength(0);
    await world.alice.update(world.group);
    await settleAll();
    expect(world.carol.member(world.group)).toBeDefined();
    expect(world.everyone.flatMap((c) => c.failures)).toEqual([]);
  });

  it('when the DS cannot propose again (its key rotated), the external commit is refused with missing_proposal', async () => {
    const alpha = world.federation.provider('alpha.test');
    await world.carol.selfRemove(world.group);
    await settleAll();
    await alpha.rotateVerificationKey();
    const before = alpha.group(world.group);
    await expect(world.bobLaptop.externalJoin(world.group)).rejects.toMatchObject({ code: 'missing_proposal' });
    expect(alpha.group(world.group)).toBe(before);
  });
});

function never(): never {
  throw new Error('missing');
}
