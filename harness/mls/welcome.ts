import { emptyPskIndex, type KeyPackage } from 'ts-mls';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';
import { accumulatePskSecret } from 'ts-mls/pskIndex.js';
import { decryptGroupInfo, decryptGroupSecrets } from 'ts-mls/welcome.js';
import type { OwnKeyPackage } from './key-packages.js';
import { mlsSuite } from './suite.js';
import { fromWire, toWire } from './wire.js';

function welcomeOf(bytes: Uint8Array) {
  const message = fromWire(bytes);
  if (message.wireformat !== 'mls_welcome') throw new Error(`expected a Welcome, got ${message.wireformat}`);
  return message.welcome;
}

/**
 * Reads which group and epoch a Welcome is for, with the joiner's own
 * KeyPackage (RFC 9420 §12.4.3.1: group secrets, then the GroupInfo). A
 * joiner needs both to ask /welcome_information for the tree before it can
 * join (profile §4).
 *
 * @example
 * const { groupId, epoch } = await peekWelcome(bobKp, welcomeBytes);
 */
export async function peekWelcome(keyPackage: OwnKeyPackage, welcomeBytes: Uint8Array): Promise<{ groupId: Uint8Array; epoch: bigint }> {
  const cs = await mlsSuite();
  const welcome = welcomeOf(welcomeBytes);
  const ref = await makeKeyPackageRef(keyPackage.publicPackage, cs.hash);
  const secrets = await decryptGroupSecrets(await cs.hpke.importPrivateKey(keyPackage.privatePackage.initPrivateKey), ref, welcome, cs.hpke);
  if (secrets === undefined) throw new Error('the Welcome has no secrets for this KeyPackage');
  const [pskSecret] = await accumulatePskSecret(secrets.psks, emptyPskIndex, cs, new Uint8Array(cs.kdf.size));
  const groupInfo = await decryptGroupInfo(welcome, secrets.joinerSecret, pskSecret, cs);
  if (groupInfo === undefined) throw new Error('the Welcome’s GroupInfo does not decrypt');
  return { groupId: groupInfo.groupContext.groupId, epoch: groupInfo.groupContext.epoch };
}

/**
 * The same Welcome with only the secrets for `keyPackages`: the distinct
 * Welcome per guest provider that AddUsers carries (DS draft "Add users").
 *
 * @example
 * const forBeta = await welcomeFor(welcomeBytes, [bobKp]);
 */
export async function welcomeFor(welcomeBytes: Uint8Array, keyPackages: readonly KeyPackage[]): Promise<Uint8Array> {
  const cs = await mlsSuite();
  const welcome = welcomeOf(welcomeBytes);
  const refs = await Promise.all(keyPackages.map((kp) => makeKeyPackageRef(kp, cs.hash)));
  const wanted = new Set(refs.map((r) => Buffer.from(r).toString('hex')));
  const secrets = welcome.secrets.filter((s) => wanted.has(Buffer.from(s.newMember).toString('hex')));
  if (secrets.length !== keyPackages.length) throw new Error('the Welcome lacks secrets for some of these KeyPackages');
  return toWire({ version: 'mls10', wireformat: 'mls_welcome', welcome: { ...welcome, secrets } });
}
