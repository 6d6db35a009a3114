import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addProposal,
  commit,
  createKeyPackage,
  externalJoin,
  joinFromWelcome,
  leafIndexOf,
  markJoined,
  proposeAsDs,
  proposeSelfRemove,
  removeProposal,
  treeForJoiner,
  type Member,
} from '../../harness/mls/index.js';
import { createWorld, deliverCommit, deliverProposal, expectAgreement, fanOut, identityFor, servedTree, type World } from '../helpers/mls-group.js';

const RUNS = Number(process.env.MIMI_MLS_RUNS ?? 20);
const OPERATIONS = ['add', 'remove', 'update', 'external-join', 'self-remove', 'ds-remove', 'resync'] as const;
type Operation = (typeof OPERATIONS)[number];

let clientCounter = 0;

async function apply(world: World, operation: Operation, pick: number): Promise<void> {
  const names = [...world.members.keys()].sort();
  const actorName = names[pick % names.length] ?? 'alice';
  const actor = world.members.get(actorName) as Member;
  switch (operation) {
    case 'add': {
      const name = `u${++clientCounter}`;
      const identity = await identityFor(name);
      const kp = await createKeyPackage(identity);
      const out = await commit(actor, [addProposal(kp.publicPackage)]);
      await deliverCommit(world, actorName, out);
      const pending = world.ds.pendingJoins.at(-1);
      const leaf = pending?.joiners[0] ?? -1;
      const tree = treeForJoiner(world.ds, world.ds.groupContext.epoch, leaf);
      if (tree === undefined || out.welcome === undefined) throw new Error('no tree for the joiner');
      world.members.set(name, await joinFromWelcome(identity, kp, out.welcome, servedTree(tree)));
      world.ds = markJoined(world.ds, leaf);
      return;
    }
    case 'remove': {
      const others = names.filter((n) => n !== actorName);
      const victim = others[pick % Math.max(1, others.length)];
      if (victim === undefined) return apply(world, 'update', pick);
      const out = await commit(actor, [removeProposal(leafIndexOf(world.members.get(victim) as Member))]);
      await deliverCommit(world, actorName, out);
      world.members.delete(victim);
      return;
    }
    case 'update':
      await deliverCommit(world, actorName, await commit(actor));
      return;
    case 'external-join': {
      const name = `x${++clientCounter}`;
      const identity = await identityFor(name, 'ext');
      await deliverCommit(world, name, await externalJoin(identity, await createKeyPackage(identity), world.ds.groupInfo, servedTree(world.ds.ratchetTree)));
      return;
    }
    case 'ds-remove': {
      // The DS proposes removing someone as an external sender; another member commits it by reference.
      const others = names.filter((n) => n !== actorName);
      const victimName = others[pick % Math.max(1, others.length)];
      if (victimName === undefined) return apply(world, 'update', pick);
      const proposal = await proposeAsDs(world.ds, removeProposal(leafIndexOf(world.members.get(victimName) as Member)), world.dsKeys);
      world.ds = proposal.group;
      await fanOut(world, null, proposal.message);
      await deliverCommit(world, actorName, await commit(world.members.get(actorName) as Member));
      world.members.delete(victimName);
      return;
    }
    case 'resync': {
      // The actor loses its state and rejoins by external commit, replacing its own leaf.
      // (ts-mls 1.6.4 cannot resync the only member: removing the last leaf empties the tree.)
      if (names.length === 1) return apply(world, 'update', pick);
      const identity = actor.identity;
      world.members.delete(actorName);
      await deliverCommit(world, actorName, await externalJoin(identity, await createKeyPackage(identity), world.ds.groupInfo, servedTree(world.ds.ratchetTree), true));
      return;
    }
    case 'self-remove': {
      const others = names.filter((n) => n !== actorName);
      const committerName = others[pick % Math.max(1, others.length)];
      if (committerName === undefined) return apply(world, 'update', pick);
      const leaving = await proposeSelfRemove(actor);
      world.members.set(actorName, leaving.member);
      await deliverProposal(world, actorName, leaving.proposal);
      await deliverCommit(world, committerName, await commit(world.members.get(committerName) as Member));
      world.members.delete(actorName);
      return;
    }
  }
}

describe('random operation sequences (property)', () => {
  it(`keep every client and the DS tracker in agreement (${RUNS} runs; MIMI_MLS_RUNS for more)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...OPERATIONS), fc.nat(1000)), { minLength: 3, maxLength: 10 }), async (steps) => {
        const world = await createWorld('alice');
        for (const [operation, pick] of steps) {
          await apply(world, operation, pick);
          expectAgreement(world);
        }
        expect(world.members.size).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
