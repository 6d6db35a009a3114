import * as fc from 'fast-check';
import { opaqueV, text, type Codec } from '../codec/index.js';

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The profile's FQDN rules (profile §2, after RFC 1035 §2.3.1 and RFC 2181
 * §11): lower-case ASCII letters, digits and inner hyphens; labels of 1 to
 * 63 characters separated by dots; at most 253 characters; no trailing dot.
 * Returns the reason a name breaks them.
 *
 * @example
 * fqdnProblem('ds.provider.test') // undefined
 * fqdnProblem('Provider.test')    // 'label "Provider" ...'
 */
export function fqdnProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty';
  if (name.length > 253) return `${name.length} characters, at most 253`;
  for (const label of name.split('.')) {
    if (label.length === 0) return 'empty label';
    if (label.length > 63) return `label of ${label.length} characters, at most 63`;
    if (!LABEL.test(label)) return `label "${label}" is not lower-case letters, digits and inner hyphens`;
  }
  return undefined;
}

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/);

/** Generated FQDNs of one to four labels. @example fc.sample(fqdnArbitrary(), 1) */
export function fqdnArbitrary(): fc.Arbitrary<string> {
  return fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
}

/**
 * `opaque FQDN<V>` holding a domain name in the profile's canonical form.
 *
 * @example
 * encode(fqdn, 'provider.test')
 */
export const fqdn: Codec<string> = text('FQDN', opaqueV, fqdnProblem, fqdnArbitrary);
