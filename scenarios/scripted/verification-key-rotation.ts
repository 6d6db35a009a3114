import { addUsers, advanceClock, createGroup, expectDelivered, harnessUser, refetchesKey, rotatePeerKey, runScript, send, targetUser, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const HOUR_AND_A_MINUTE = 61 * 60 * 1000;

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "a harness DS's fan-out to the target across a key rotation and the key cache's expiry", [
    targetUser('tina', { user: 'tina' }),
    harnessUser('alice', { user: 'alice', peer: 0 }),
    createGroup('g', 'alice', { peer: 0 }),
    addUsers('g', 'alice', ['tina']),
    send('g', 'alice', 'before the rotation'),
    rotatePeerKey(0),
    // The cached key fails: the target fetches the key again and accepts.
    refetchesKey(0, 'the cached key does not verify', send('g', 'alice', 'after the rotation')),
    // More than an hour later the cached key may no longer be trusted without fetching it again.
    advanceClock(HOUR_AND_A_MINUTE),
    refetchesKey(0, 'the cached key is older than one hour', send('g', 'alice', 'an hour later')),
    expectDelivered('g'),
  ]);

/**
 * Verification-key rotation (profile §5 "Lifetime"): the target, as guest,
 * verifies a harness DS's fan-out; after the harness DS rotates its key the
 * target checks once more with a freshly fetched key and delivers, and once
 * its cached key is older than one hour (virtual clock) it fetches again.
 *
 * @example
 * await runCatalog({ target, checks: [verificationKeyRotationFlow], seed: 1 });
 */
export const verificationKeyRotationFlow: Check = {
  id: 'scripted.verification-key.rotation',
  section: 'transport draft "Verification Key"; PROFILE §5 Lifetime',
  quote: 'A receiver MAY cache a fetched key, for at most 1 hour on its clock ... A signature that does not verify with the cached key is checked once more with a freshly fetched one (key rotation).',
  level: 'PROFILE',
  role: 'guest',
  // "An hour later" is the target's hour: its key cache expires on its clock (an external target: skip).
  needs: ['control', 'target-time'],
  run,
};
