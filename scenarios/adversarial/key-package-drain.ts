import { encode, keyPackage, toHex } from '../../harness/codec/index.js';
import { describeWire, keyPackagesIn, outcomeOf, persona, signedKeyPackageRequest, type Check, type CheckVerdict } from '../../harness/conformance/index.js';
import { dsRequest, dsResponse, groupKeyPackageResponse } from '../../harness/messages/index.js';
import { isLastResortKeyPackage } from '../../harness/mls/index.js';
import { decode } from '../../harness/codec/index.js';

type Handed = { readonly kind: 'regular' | 'last-resort'; readonly hex: string } | { readonly kind: 'refused'; readonly detail: string };

/**
 * Issue 10 §3: KeyPackage draining. The persona asks the target's DS,
 * anonymously (`ds_key_packages` on /group_operation), for KeyPackages of
 * one of its clients, which has two more than the declared budget and a
 * last-resort one. At most the budget may be used up; past it the client's
 * last-resort KeyPackage is handed out, not used up (or the request gets
 * `rate_limited`); and a signed GroupKeyPackageRequest, which has no such
 * budget, still gets a regular one (profile §8, §14).
 *
 * @example
 * await runCatalog({ target, checks: [keyPackageDrain], seed: 1 });
 */
export const keyPackageDrain: Check = {
  id: 'adversarial.key-package-drain',
  section: 'DS draft "Fetch KeyPackages of one or more clients"; PROFILE §8, §14 KeyPackage budgets',
  quote: 'Since anyone can send the anonymous form ..., a DS MUST bound what it uses up for it',
  level: 'MUST',
  role: 'ds',
  needs: ['control', 'budgets'],
  alternatives: ['past the budget: the last-resort KeyPackage', 'past the budget: 429 rate_limited'],
  async run(ctx): Promise<CheckVerdict> {
    const budget = ctx.target.budgets?.['/group_operation']?.key_package?.burst;
    if (budget === undefined || ctx.control === undefined) return { status: 'unsupported', expected: 'a declared key_package budget on /group_operation and a control interface', actual: 'none declared' };
    const carol = await ctx.control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: 'phone' }, { keyPackages: budget + 2, lastResort: true });
    const mallory = persona(ctx);
    const ask = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [carol.id] } }, authentication_data: { auth_type: 'anonymous' } });
    const handed: Handed[] = [];
    for (let i = 0; i < budget + 2; i++) {
      const answer = await mallory.send(ctx.target.dsDomain, '/group_operation', ask);
      const body = answer.status === 200 ? decode(dsResponse, answer.body).response_body : undefined;
      const kp = body?.response_type === 'key_packages' ? body.key_packages[0] : undefined;
      handed.push(kp === undefined ? { kind: 'refused', detail: describeWire(outcomeOf('DSResponse', answer)) } : { kind: isLastResortKeyPackage(kp.value) ? 'last-resort' : 'regular', hex: toHex(encode(keyPackage, kp)) });
    }
    const regular = new Set(handed.flatMap((h) => (h.kind === 'regular' ? [h.hex] : [])));
    const badRefusal = handed.find((h) => h.kind === 'refused' && !h.detail.startsWith('429 rate_limited'));
    const expected = `${budget + 2} anonymous requests for one client: at most ${budget} regular KeyPackages used up, then its last-resort one or 429 rate_limited; then a signed GroupKeyPackageRequest still gets a regular one`;
    const seen = handed.map((h) => (h.kind === 'refused' ? h.detail.split(':')[0] ?? '' : h.kind)).join(', ');
    if (regular.size > budget || badRefusal !== undefined) return { status: 'fail', expected, actual: `${regular.size} regular KeyPackages used up; answers: ${seen}` };
    const signed = await mallory.send(ctx.target.dsDomain, '/group_key_packages', await signedKeyPackageRequest(mallory, 'group', { sender: mallory.dsDomain, recipient: ctx.target.dsDomain, message_id: mallory.freshMessageId(), requester: { user_name: 'mallory', domain: mallory.domain }, client: carol.id }));
    const after = signed.status === 200 && keyPackagesIn('group', signed.body) === 1 ? decode(groupKeyPackageResponse, signed.body).response_body : undefined;
    const last = after?.response_type === 'ok' ? after.key_packages[0] : undefined;
    if (last === undefined || isLastResortKeyPackage(last.value)) return { status: 'fail', expected, actual: `answers: ${seen}; then the signed request got ${last === undefined ? describeWire(outcomeOf('GroupKeyPackageResponse', signed)) : 'the last-resort KeyPackage'}` };
    return { status: 'pass', expected, actual: `answers: ${seen}; then the signed request got a regular KeyPackage` };
  },
};
