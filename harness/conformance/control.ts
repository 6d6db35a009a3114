import type { ClientId, MimiGroupContext, UserId } from '../messages/index.js';
import type { ReceivedMessage } from '../scenario/index.js';

/**
 * A client of the target, driven through the target's control interface
 * (issue 10 §1). The client-to-provider protocol is outside the drafts, so
 * this is the harness's own small interface; every method does what a user
 * would make the client do, and the target's provider speaks the drafts.
 */
export interface ControlledClient {
  readonly id: ClientId;
  /** Application messages it received, in order. */
  readonly received: readonly ReceivedMessage[];
  /** Messages it could not process. */
  readonly failures: readonly string[];
  createGroup(kind?: MimiGroupContext['kind']): Promise<Uint8Array>;
  addUsers(groupId: Uint8Array, clients: readonly ClientId[]): Promise<void>;
  removeUsers(groupId: Uint8Array, users: readonly UserId[]): Promise<void>;
  selfRemove(groupId: Uint8Array): Promise<void>;
  update(groupId: Uint8Array): Promise<void>;
  externalJoin(groupId: Uint8Array): Promise<void>;
  send(groupId: Uint8Array, text: string): Promise<void>;
  /** Takes and processes everything queued for it at the target; returns how many messages it took. */
  sync(): Promise<number>;
  /** Its epoch in a group, or undefined if it is not a member. */
  epoch(groupId: Uint8Array): bigint | undefined;
  /** Every group it is a member of (group id in lower-case hex) with its epoch there: what the control API's state snapshot carries (docs/ADAPTER.md). */
  epochs(): ReadonlyMap<string, bigint>;
}

/**
 * The optional control interface of a target: provisions users and clients
 * on it. A check that needs it declares `needs: ['control']` and reports
 * `unsupported` against a target without one.
 *
 * @example
 * const bob = await ctx.control?.createClient({ user: { user_name: 'bob', domain: ctx.target.domain }, client_name: 'phone' });
 */
export interface TargetControl {
  createClient(id: ClientId, options?: { readonly keyPackages?: number; readonly lastResort?: boolean }): Promise<ControlledClient>;
}
