import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../harness/messages/index.js';

const profile = readFileSync(new URL('../../docs/PROFILE.md', import.meta.url), 'utf8');

/** Structs defined by RFC 9420 (or as a plain opaque) rather than by a `struct {...} Name;` block of the profile. */
const DEFINED_ELSEWHERE: Record<string, RegExp> = {
  FQDN: /opaque FQDN<V>;/,
  MLSMessage: /MLSMessage/,
  KeyPackage: /KeyPackage/,
  LeafNode: /LeafNode/,
  GroupInfo: /GroupInfo/,
  Node: /optional<Node> ratchet_tree<V>/,
  RatchetTree: /RatchetTree/,
};

describe('docs/PROFILE.md', () => {
  it.each(REGISTRY.map((entry) => entry.name))('defines %s', (name) => {
    const pattern = DEFINED_ELSEWHERE[name] ?? new RegExp(`\\} ${name};`);
    expect(profile).toMatch(pattern);
  });

  it('pins every gap of DESIGN.md in its numbered section', () => {
    for (let section = 1; section <= 13; section++) expect(profile).toMatch(new RegExp(`^## §${section} `, 'm'));
  });
});
