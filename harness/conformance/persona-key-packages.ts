import { decode } from '../codec/index.js';
import { connectionKeyPackageResponse, groupKeyPackageResponse, type ClientId, type UserId } from '../messages/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { persona, type Persona } from './persona.js';
import { describeWire, outcomeOf, permits, type WireOutcome } from './persona-capture.js';

/** Which KeyPackage endpoint (transport draft "Group KeyPackage Retrieval", "Connection KeyPackage Retrieval"). */
export type KeyPackageKind = 'group' | 'connection';

/** The honest fields of a KeyPackage request from the persona for the target's client (profile §5). */
export interface KeyPackageFields {
  readonly sender: string;
  readonly recipient: string;
  readonly message_id: bigint;
  readonly requester: UserId;
  readonly client: ClientId;
}

/** The path and carrier of a kind. @example keyPackagePath('group') // '/group_key_packages' */
export function keyPackagePath(kind: KeyPackageKind): { readonly path: string; readonly carrier: string } {
  return kind === 'group' ? { path: '/group_key_packages', carrier: 'GroupKeyPackageResponse' } : { path: '/connection_key_packages', carrier: 'ConnectionKeyPackageResponse' };
}

/** The persona's signed request of `kind` from `fields`. @example await signedKeyPackageRequest(mallory, 'group', fields) */
export function signedKeyPackageRequest(mallory: Persona, kind: KeyPackageKind, fields: KeyPackageFields, as: { readonly signKey?: Uint8Array; readonly label?: string } = {}): Promise<Uint8Array> {
  const { client, ...frame } = fields;
  return kind === 'group'
    ? mallory.groupKeyPackageRequest({ ...frame, request: { client_identifiers: [client] } }, as)
    : mallory.connectionKeyPackageRequest({ ...frame, request: { user_identifier: client.user } }, as);
}

/** How many KeyPackages a 200 answer of `kind` carries (0 if it does not decode). @example keyPackagesIn('group', answer.body) */
export function keyPackagesIn(kind: KeyPackageKind, body: Uint8Array): number {
  try {
    const decoded = decode(kind === 'group' ? groupKeyPackageResponse : connectionKeyPackageResponse, body);
    return decoded.response_body.response_type === 'ok' ? decoded.response_body.key_packages.length : 0;
  } catch {
    return 0;
  }
}

/** Options for {@link refusedKeyPackageRequest}. */
export interface KeyPackageRefusal {
  readonly kind: KeyPackageKind;
  readonly what: string;
  /** The violation, built from the honest fields. */
  readonly forge: (mallory: Persona, fields: KeyPackageFields) => Promise<Uint8Array>;
  readonly permitted: readonly { readonly status: number; readonly code: string }[];
}

/**
 * A KeyPackage request the target must refuse without using anything up
 * (profile §6: "A refused request MUST NOT store, forward or change
 * anything"): the target's client carol has exactly one KeyPackage of the
 * kind and no last-resort one; after the refusal, the honest request from
 * the same persona still gets it. Needs the control interface.
 *
 * @example
 * return refusedKeyPackageRequest(ctx, { kind: 'group', what: 'a request for another DS', forge: (m, f) => signedKeyPackageRequest(m, 'group', { ...f, recipient: 'ds.elsewhere.test' }), permitted: [{ status: 421, code: 'wrong_recipient' }] });
 */
export async function refusedKeyPackageRequest(ctx: CheckContext, refusal: KeyPackageRefusal): Promise<CheckVerdict> {
  if (ctx.control === undefined) return { status: 'unsupported', expected: 'a control interface', actual: 'none' };
  const carol = await ctx.control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: 'phone' }, { keyPackages: 1, lastResort: false });
  const mallory = persona(ctx);
  const { path, carrier } = keyPackagePath(refusal.kind);
  const fields: KeyPackageFields = { sender: mallory.dsDomain, recipient: ctx.target.dsDomain, message_id: mallory.freshMessageId(), requester: { user_name: 'mallory', domain: mallory.domain }, client: carol.id };
  const expected = `${refusal.what}: ${refusal.permitted.map((p) => `${p.status} ${p.code}`).join(' or ')}; then the honest request still gets the client's only ${refusal.kind} KeyPackage`;
  const outcome: WireOutcome = outcomeOf(carrier, await mallory.send(ctx.target.dsDomain, path, await refusal.forge(mallory, fields)));
  if (!permits(refusal.permitted, outcome)) return { status: 'fail', expected, actual: describeWire(outcome) };
  const honest = await mallory.send(ctx.target.dsDomain, path, await signedKeyPackageRequest(mallory, refusal.kind, { ...fields, message_id: mallory.freshMessageId() }));
  const after = outcomeOf(carrier, honest);
  if (after.code !== 'ok' || keyPackagesIn(refusal.kind, honest.body) !== 1) return { status: 'fail', expected, actual: `${describeWire(outcome)}; then the honest request got ${describeWire(after)}` };
  return { status: 'pass', expected, actual: `${describeWire(outcome)}; then the honest request got its KeyPackage` };
}
