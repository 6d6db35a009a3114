import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DSRequestBody } from '../../harness/messages/index.js';
import { UNKNOWN_LEAF } from '../../harness/provider/index.js';
import { attempt, createDsWorld, type DsWorld } from '../helpers/ds-world.js';

let world: DsWorld;
let epoch: bigint;
let body: DSRequestBody;
beforeEach(async () => {
  world = await createDsWorld(13);
  await world.alice.addUsers(world.group, [world.dave.id]);
  await world.federation.settle();
  epoch = world.federation.provider('alpha.test').group(world.group)?.groupContext.epoch ?? -1n;
  body = { request_type: 'ds_welcome_info', welcome_info_request: { group_id: world.group, epoch } };
});
afterEach(async () => {
  await world.federation.dispose();
});

const ask = (options: Parameters<typeof attempt>[3] = {}, request = body, who = world.dave) => attempt(world, who, request, { senderIndex: UNKNOWN_LEAF, path: '/welcome_information', ...options });

describe('GET /welcome_information (profile §4, §8)', () => {
  it('serves the tree of the epoch the joiner was added in, to the joiner only', async () => {
    expect(await ask()).toEqual([200, 'ok']);
    const pending = world.federation.provider('alpha.test').group(world.group)?.pendingJoins ?? [];
    const joiner = pending.find((p) => p.epoch === epoch)?.joiners[0] ?? -1;
    expect(await ask({ senderIndex: joiner })).toEqual([200, 'ok']);
    expect(await ask({}, body, world.carol)).toEqual([403, 'invalid_signature']);
    expect(await ask({ senderIndex: 0 })).toEqual([403, 'not_a_member']);
    expect(await ask({ anonymous: true })).toEqual([403, 'unauthorized']);
    expect(await ask({}, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: world.group, epoch: epoch + 5n } })).toEqual([409, 'wrong_epoch']);
  });

  it('is routed by path: joining information on /group_operation and other requests here are wrong_endpoint', async () => {
    expect(await ask({ path: '/group_operation' })).toEqual([400, 'wrong_endpoint']);
    expect(await ask({}, { request_type: 'ds_request_group_id' })).toEqual([400, 'wrong_endpoint']);
  });

  it('keeps the tree until the joiner has joined, then drops it', async () => {
    await world.dave.sync();
    expect(world.dave.member(world.group)?.state.groupContext.epoch).toBe(epoch);
    const leaf = world.dave.member(world.group)?.state.privatePath.leafIndex ?? -1;
    await world.dave.send(world.group, 'joined');
    expect(await ask()).toEqual([409, 'wrong_epoch']);
    expect(await ask({ senderIndex: leaf })).toEqual([409, 'wrong_epoch']);
  });
});
