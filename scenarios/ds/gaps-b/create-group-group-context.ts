import { groupInfoRefused, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { mimiGroupContextExtension } from '../../../harness/mls/index.js';
import { MimiExtensionType } from '../../../harness/messages/index.js';

const PERMITTED = [{ status: 422, code: 'invalid_group_info' }] as const;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  // Everything else as a harness creator sets it: the DS in external_senders, a valid creator leaf.
  const without = await groupInfoRefused(ctx, alice, { extensions: (e) => e.filter((x) => x.extensionType !== MimiExtensionType.mimi_group_context) }, PERMITTED, 'a CreateGroup whose group has no mimi_group_context');
  if (without.status !== 'pass') return without;
  const twice = await groupInfoRefused(ctx, alice, { extensions: (e) => [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }), ...e] }, PERMITTED, 'a CreateGroup whose group has two mimi_group_context');
  if (twice.status !== 'pass') return twice;
  return { status: 'pass', expected: `${without.expected}; ${twice.expected}`, actual: `${without.actual}; ${twice.actual}` };
}

/**
 * DS draft "Group lifecycle", "Create group"; profile §3, §12: a MIMI group
 * carries exactly one `mimi_group_context`; a CreateGroup whose group has
 * none, or two, is refused with `invalid_group_info`.
 *
 * @example
 * await runCatalog({ target, checks: [createGroupGroupContext], seed: 1 });
 */
export const createGroupGroupContext: Check = {
  id: 'ds.create-group.group-context',
  section: 'DS draft "Group lifecycle", "Create group"; PROFILE §3, §12',
  quote: 'MUST use a GroupContext extension that indicates the MIMI DS protocol version with which it was created',
  level: 'MUST',
  role: 'ds',
  run,
};
