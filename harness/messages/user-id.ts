import * as fc from 'fast-check';
import { opaqueV, struct, text, type Codec, type ValueOf } from '../codec/index.js';
import { fqdn } from './fqdn.js';

const utf8 = new TextEncoder();

/**
 * Rules for the local names in UserID and ClientID (profile §2): 1 to 255
 * bytes of UTF-8 without control characters (C0, DEL, C1) and without `@` or `/`.
 *
 * @example
 * localNameProblem('alice') // undefined
 */
export function localNameProblem(name: string): string | undefined {
  const length = utf8.encode(name).length;
  if (length === 0 || length > 255) return `${length} bytes, expected 1..255`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f@/]/.test(name)) return 'contains a control character, "@" or "/"';
  return undefined;
}

/** Generated local names. @example fc.sample(localNameArbitrary(), 1) */
export function localNameArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }));
}

/** A user's name within its provider. */
export const localName: Codec<string> = text('local name', opaqueV, localNameProblem, localNameArbitrary);

/**
 * `struct { opaque user_name<V>; FQDN domain; } UserID;` (profile §2): a
 * user names its provider, so the DS can check who owns it.
 * Text form: `user_name@domain`.
 *
 * @example
 * encode(userId, { user_name: 'alice', domain: 'alpha.test' })
 */
export const userId = struct('UserID', { user_name: localName, domain: fqdn });
export type UserId = ValueOf<typeof userId>;

/** A UserID's text form, `user_name@domain` (profile §2; for display, keys and the CLI). @example userIdText(alice) // 'alice@a.test' */
export function userIdText(user: UserId): string {
  return `${user.user_name}@${user.domain}`;
}
