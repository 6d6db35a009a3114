import { describeOutcome, dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { MimiExtensionType, type DSRequestBody } from '../../../harness/messages/index.js';
import { commit, fromWire, mimiGroupContextExtension, proposeSelfRemove, receive, type Member, type MlsExtension as Extension } from '../../../harness/mls/index.js';
import { embedded } from '../../../harness/scenario/index.js';

/** The GroupContextExtensions a harness member could try, each changing mimi_group_context (profile §12). */
const CHANGES: readonly { readonly what: string; readonly edit: (extensions: readonly Extension[]) => Extension[] }[] = [
  { what: 'turns mimi_group_context into kind connection', edit: (e) => e.map((x) => (x.extensionType === MimiExtensionType.mimi_group_context ? mimiGroupContextExtension({ protocol_version: 1, kind: 'connection' }) : x)) },
  { what: 'drops mimi_group_context', edit: (e) => e.filter((x) => x.extensionType !== MimiExtensionType.mimi_group_context) },
];

/** `alice`'s commit of `byValue` (and every stored proposal by reference) as ds_update_client; it must carry an UpdatePath. */
async function updateBody(alice: Member, byValue: Parameters<typeof commit>[1]): Promise<DSRequestBody> {
  const out = await commit(alice, byValue);
  const message = fromWire(out.commit);
  // RFC 9420 §12.4: a GroupContextExtensions commit needs a path. ts-mls 1.6.4 builds one only for Removes and Updates, so the stored Remove provides it.
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit' || message.publicMessage.content.commit.path === undefined) throw new Error('the harness built a commit without an UpdatePath');
  return { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } };
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  // Bob's self-remove is stored at the DS: alice's commits include it by reference, which gives them the UpdatePath they need.
  // Alice takes the proposal as bob sent it, so that only the DS's storing of it matters here, not its fan-out.
  const { proposal } = await proposeSelfRemove(stateIn(bob, world.group));
  const stored = await dsAttempt(ctx, world.group, bob, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } });
  if (stored.code !== 'ok') throw new Error(`the target refused bob's self-remove: ${describeOutcome(stored)}`);
  const state = (await receive(stateIn(alice, world.group), proposal)).member;
  const extensions = state.state.groupContext.extensions;
  const verdicts: CheckVerdict[] = [];
  for (const [index, change] of CHANGES.entries()) {
    const bad = await updateBody(state, [{ proposalType: 'group_context_extensions', groupContextExtensions: { extensions: change.edit(extensions) } }]);
    // The same commit without the GroupContextExtensions (bob's removal by reference, with a path) is a valid UpdateClient; sent once, last.
    const good = index === CHANGES.length - 1 ? await updateBody(state, []) : undefined;
    const verdict = await refusedWithoutEffect(ctx, {
      group: world.group,
      what: `alice's ds_update_client with a GroupContextExtensions proposal that ${change.what} (and an UpdatePath)`,
      attempt: () => dsAttempt(ctx, world.group, alice, bad),
      permitted: [{ status: 422, code: 'invalid_commit' }],
      ...(good === undefined ? {} : { nextValid: () => dsAttempt(ctx, world.group, alice, good) }),
    });
    if (verdict.status !== 'pass') return verdict;
    verdicts.push(verdict);
  }
  return { status: 'pass', expected: verdicts.map((v) => v.expected).join('; '), actual: verdicts.map((v) => v.actual).join('; ') };
}

/**
 * DS draft "Group lifecycle": the GroupContext extension that indicates the
 * MIMI DS protocol version "MUST NOT be changed throughout the lifetime of
 * the group". Profile §12 refuses a commit whose GroupContextExtensions
 * change or drop `mimi_group_context` with `invalid_commit`; the commit has
 * an UpdatePath (RFC 9420 §12.4), so that nothing but the change is wrong
 * with it, and the same commit without the proposal is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [commitGroupContextUnchanged], seed: 1 });
 */
export const commitGroupContextUnchanged: Check = {
  id: 'ds.commit.group-context-unchanged',
  section: 'DS draft "Group lifecycle"; PROFILE §12',
  quote: 'This extension MUST NOT be changed throughout the lifetime of the group.',
  level: 'MUST',
  role: 'ds',
  run,
};
