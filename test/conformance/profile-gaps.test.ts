import { describe, expect, it } from 'vitest';
import { referenceTarget, runCatalog, wrapTarget } from '../../harness/conformance/index.js';
import { CATALOG, PROFILE_GAP_PLANTED } from '../../scenarios/index.js';
import { namesOtherScheme } from '../../scenarios/planted/profile-gaps.js';
import { describeCategory } from '../helpers/catalog.js';

/** The checks that close the profile's traceability gaps (issue 10), whatever their category. */
const GAP_IDS = ['malformed.identifiers.fqdn', 'forwarding.verification-key.scheme', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery', 'adversarial.false-key-package-answer'];
const GAP_CHECKS = CATALOG.filter((c) => GAP_IDS.includes(c.id));

describeCategory('profile gaps', GAP_CHECKS, PROFILE_GAP_PLANTED);

describe('the profile-gap checks', () => {
  it('are all in the catalog', () => {
    expect(GAP_CHECKS.map((c) => c.id).sort()).toEqual([...GAP_IDS].sort());
  });
});

describe('the named signature scheme (profile §5, §7)', () => {
  it('a target whose every /verification_key answer names P-256 while it signs with Ed25519 fails the scheme check, and says so', async () => {
    const check = CATALOG.find((c) => c.id === 'forwarding.verification-key.scheme');
    if (check === undefined) throw new Error('the scheme check is gone');
    // Not a planted bug of the matrix: its harness peers cannot verify anything the target signs, so most of the catalog fails against it.
    const target = wrapTarget(referenceTarget({ domain: 'target.test' }), 'names P-256 everywhere', namesOtherScheme(['GET', 'POST']));
    const [result] = await runCatalog({ target, checks: [check], seed: 1 });
    expect(result?.status).toBe('fail');
    expect(result?.evidence.actual).toMatch(/^GET \/verification_key names ecdsa_secp256r1_sha256 .* it verifies as ed25519$/);
  });
});
