import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHex } from '../../harness/codec/index.js';
import { agreesWithDs } from '../../harness/mls/index.js';
import { createDsWorld, type DsWorld, settleWorld } from '../helpers/ds-world.js';

let world: DsWorld;
beforeEach(async () => {
  world = await createDsWorld(31);
});
afterEach(async () => {
  await world.federation.dispose();
});

const settleAll = () => settleWorld(world);

describe('DS-initiated removal (DS draft "DS-initiated operations")', () => {
  it('the DS proposes a Remove as external sender; the next commit carries it by reference and everyone agrees', async () => {
    const alpha = world.federation.provider('alpha.test');
    expect(await alpha.proposeRemoval(world.carol.id)).toEqual({ proposed: [toHex(world.group)], skipped: [] });
    await settleAll();
    expect(world.carol.member(world.group)).toBeDefined(); // only proposed so far
    await world.alice.update(world.group);
    await settleAll();
    const ds = alpha.group(world.group);
    if (ds === undefined) throw new Error('no group');
    expect(world.carol.member(world.group)).toBeUndefined();
    for (const c of [world.alice, world.bob]) expect(agreesWithDs(c.member(world.group) ?? never(), ds)).toBe(true);
    expect([world.alice, world.bob, world.carol].flatMap((c) => c.failures)).toEqual([]);
  });

  it('a commit that leaves the DS proposal out is refused (missing_proposal)', async () => {
    const alpha = world.federation.provider('alpha.test');
    await alpha.proposeRemoval(world.carol.id);
    await world.federation.settle();
    world.alice.provider.takeMessages(world.alice.id); // alice never sees it
    await expect(world.alice.update(world.group)).rejects.toMatchObject({ code: 'missing_proposal' });
  });

  it('after a key rotation the group still lists the old key, so the DS does not propose there', async () => {
    const alpha = world.federation.provider('alpha.test');
    await alpha.rotateVerificationKey();
    expect(await alpha.proposeRemoval(world.carol.id)).toEqual({ proposed: [], skipped: [toHex(world.group)] });
  });
});

function never(): never {
  throw new Error('missing');
}
