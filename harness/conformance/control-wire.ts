import type { ClientId, UserId } from '../messages/index.js';
import type { ControlledClient } from './control.js';

/**
 * A client's state as every control-API answer about it carries it
 * (docs/ADAPTER.md "State snapshot"): the application messages it received
 * in order, what it could not process, and its groups (lower-case hex id →
 * epoch as a decimal string).
 */
export interface ControlState {
  readonly received: readonly { readonly groupId: string; readonly text: string }[];
  readonly failures: readonly string[];
  readonly groups: Readonly<Record<string, string>>;
}

/** The snapshot of a client. @example stateOf(client).groups */
export function stateOf(client: ControlledClient): ControlState {
  return {
    received: client.received.map((m) => ({ groupId: m.groupId, text: m.text })),
    failures: [...client.failures],
    groups: Object.fromEntries([...client.epochs()].map(([hex, epoch]) => [hex, epoch.toString()])),
  };
}

/** A control-API error answer: `{ "error": { "code", "message" } }` (docs/ADAPTER.md "Errors"). */
export interface ControlErrorBody {
  readonly error: { readonly code: ControlErrorCode; readonly message: string };
}

/** The error codes of the control API, each with its HTTP status (docs/ADAPTER.md). */
export const CONTROL_ERRORS = { bad_request: 400, unknown_client: 404, unknown_call: 404, method_not_allowed: 405, operation_failed: 409, internal: 500 } as const;
export type ControlErrorCode = keyof typeof CONTROL_ERRORS;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown by the readers below: the request is not what the schema says. @example new ControlShapeError('client.user: expected an object') */
export class ControlShapeError extends Error {
  override readonly name = 'ControlShapeError';
}

/** A string field of a JSON object. @example stringField(body, 'text') */
export function stringField(body: unknown, name: string): string {
  const value = isRecord(body) ? body[name] : undefined;
  if (typeof value !== 'string') throw new ControlShapeError(`${name}: expected a string`);
  return value;
}

/** A UserID in JSON: `{ "user_name", "domain" }`. @example userIdOf({ user_name: 'bob', domain: 'b.test' }, 'users[0]') */
export function userIdOf(value: unknown, path: string): UserId {
  if (!isRecord(value)) throw new ControlShapeError(`${path}: expected an object`);
  return { user_name: stringField(value, 'user_name'), domain: stringField(value, 'domain') };
}

/** A ClientID in JSON: `{ "user": UserID, "client_name" }`. @example clientIdOf(body.client, 'client') */
export function clientIdOf(value: unknown, path: string): ClientId {
  if (!isRecord(value)) throw new ControlShapeError(`${path}: expected an object`);
  return { user: userIdOf(value['user'], `${path}.user`), client_name: stringField(value, 'client_name') };
}

/** An array field of a JSON object. @example arrayField(body, 'clients') */
export function arrayField(body: unknown, name: string): readonly unknown[] {
  const value = isRecord(body) ? body[name] : undefined;
  if (!Array.isArray(value)) throw new ControlShapeError(`${name}: expected an array`);
  return value;
}

/** An optional non-negative integer field. @example optionalCount(body, 'keyPackages') */
export function optionalCount(body: unknown, name: string): number | undefined {
  const value = isRecord(body) ? body[name] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) throw new ControlShapeError(`${name}: expected an integer from 0 to 1000`);
  return value;
}
