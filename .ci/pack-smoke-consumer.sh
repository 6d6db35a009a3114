#!/usr/bin/env bash
# Run by pack-smoke.sh inside the fresh project ($1) that installed the packed
# tarball: imports every subpath in the installed package's `exports` (each
# must have its main exports), checks that the harness resolves ts-mls to its
# bundled, patched copy and that ts-mls's own dependencies resolve, has
# one client join another's group by external commit with the library's MLS
# API, and runs one check of the installed catalog with runCatalog against a
# planted bug (fails) and the reference (passes). Prints one FAIL line per
# problem and exits 1 on any.
# (Inline ES module: the lint config type-checks every .js file it finds.)
set -euo pipefail
cd "$1"
exec node --input-type=module <<'EOF'
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const NAME = 'mimi-transport-harness';
const problems = [];
const fail = (message) => { problems.push(message); console.error(`pack-smoke: FAIL: ${message}`); };

// The main exports each subpath must have (a subpath not listed here must still import and export something).
const EXPECTED = {
  '.': { codec: 'object', messages: 'object', discovery: 'object', pki: 'object', provider: 'object', network: 'object', mls: 'object', scenario: 'object', conformance: 'object', runCatalog: 'function', referenceTarget: 'function', CATALOG: 'object', PLANTED: 'object' },
  './codec': { decode: 'function', encode: 'function', DecodeError: 'function', struct: 'function', varint: 'object' },
  './messages': { dsRequest: 'object', clientId: 'object', REGISTRY: 'object' },
  './cli': { runCli: 'function', processIo: 'function', EXIT: 'object', serveCommand: 'function' },
  './conformance': { runChecks: 'function', runCatalog: 'function', selectChecks: 'function', referenceTarget: 'function', wrapTarget: 'function' },
  './catalog': { CATALOG: 'object', CATEGORIES: 'object', PLANTED: 'object' },
  './fuzz': { fuzz: 'function', spawnedTarget: 'function', inProcessTarget: 'function', mutate: 'function', minimize: 'function', judge: 'function' },
  './report': { summarizeRun: 'function', consoleSummary: 'function', runJson: 'function', junitXml: 'function' },
  './vitest': { defineConformanceSuite: 'function', runConformanceTest: 'function', testOutcome: 'function' },
  './discovery': { createDiscovery: 'function', DiscoveryError: 'function' },
  './pki': { createHarnessPki: 'function', issueCertificate: 'function', createKeyPool: 'function' },
  './provider': { createProvider: 'function', createDirectory: 'function', createRateLimiter: 'function', ProviderError: 'function' },
  './network': { createNetwork: 'function', createVirtualClock: 'function', createRng: 'function', traceHash: 'function' },
  './scenario': { createFederation: 'function', createVirtualClient: 'function', runLifecycle: 'function' },
  './mls': { createIdentity: 'function', createKeyPackage: 'function', createMimiGroup: 'function', externalJoin: 'function', receive: 'function', bootstrapGroup: 'function', processCommit: 'function', agreesWithDs: 'function' },
};

const require = createRequire(import.meta.url);
const pkgPath = require.resolve(`${NAME}/package.json`);
const pkgDir = dirname(pkgPath);
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));

// 1. Every subpath export imports and has its main exports.
const modules = {};
for (const subpath of Object.keys(pkg.exports)) {
  if (subpath.endsWith('.json')) continue;
  const specifier = subpath === '.' ? NAME : `${NAME}/${subpath.slice(2)}`;
  try {
    modules[subpath] = await import(specifier);
  } catch (error) {
    fail(`import '${specifier}' threw: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  const expected = EXPECTED[subpath];
  if (expected === undefined) {
    if (Object.keys(modules[subpath]).length === 0) fail(`'${specifier}' exports nothing`);
    else console.log(`pack-smoke: note: '${specifier}' is not in the EXPECTED list of .ci/pack-smoke-consumer.sh; only checked that it imports`);
    continue;
  }
  for (const [name, type] of Object.entries(expected)) {
    const actual = typeof modules[subpath][name];
    if (actual !== type) fail(`'${specifier}' export ${name} is ${actual}, expected ${type}`);
  }
}

// 2. The harness resolves ts-mls to the copy bundled inside it, and that copy carries patches/ts-mls+1.6.4.patch.
const harnessMls = join(pkgDir, 'dist', 'harness', 'mls');
const tsMlsDir = packageDirFrom(harnessMls, 'ts-mls');
if (tsMlsDir === undefined) fail(`the installed harness cannot resolve ts-mls from ${harnessMls}`);
else {
  const bundled = join(pkgDir, 'node_modules', 'ts-mls');
  const entry = createRequire(join(harnessMls, 'index.js')).resolve('ts-mls');
  if (tsMlsDir !== bundled || !entry.startsWith(bundled + sep)) fail(`the harness resolves ts-mls to ${entry}, not to its bundled copy in ${bundled} (bundleDependencies missing from package.json?)`);
  const patchedLines = [
    ['dist/src/externalSender.js', 'export function decodeExternalSenders('],
    ['dist/src/createCommit.js', 'extensionData: encode(varLenDataEncoder)(externalPub)'],
    ['dist/src/clientState.js', 'PATCH (RFC 9420 section 7.9.2)'],
  ];
  for (const [file, line] of patchedLines) {
    let text = '';
    try { text = readFileSync(join(tsMlsDir, file), 'utf8'); } catch { /* reported below */ }
    if (!text.includes(line)) fail(`${join(tsMlsDir, file)} lacks the patched line "${line}": the consumer got an unpatched ts-mls`);
  }
  // ts-mls's own dependencies, and the non-optional peers the harness provides, resolve from where it sits.
  const tsMlsPkg = JSON.parse(readFileSync(join(tsMlsDir, 'package.json'), 'utf8'));
  const optional = tsMlsPkg.peerDependenciesMeta ?? {};
  const needed = [...Object.keys(tsMlsPkg.dependencies ?? {}), ...Object.keys(tsMlsPkg.peerDependencies ?? {}).filter((name) => optional[name]?.optional !== true), '@noble/hashes'];
  for (const name of needed) {
    if (packageDirFrom(tsMlsDir, name) === undefined) fail(`ts-mls's dependency ${name} does not resolve from ${tsMlsDir}`);
  }
}

/** Where Node's bare-specifier lookup finds package `name` from folder `from` (node_modules of it and each parent). */
function packageDirFrom(from, name) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

// 3. One external join with the library's MLS API: alice creates a group and the DS tracker bootstraps it; bob
// joins by external commit from the GroupInfo as it crosses the wire; alice and the DS process bob's commit.
const mls = modules['./mls'];
if (mls !== undefined) {
  try {
    await externalJoinCheck(mls);
  } catch (error) {
    fail(`external join: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

async function externalJoinCheck(mls) {
  const hex = (bytes) => Buffer.from(bytes).toString('hex');
  const alice = await mls.createIdentity({ user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
  const bob = await mls.createIdentity({ user: { user_name: 'bob', domain: 'alpha.test' }, client_name: 'phone' });
  const created = await mls.createMimiGroup(alice, await mls.createKeyPackage(alice), new Uint8Array(16).fill(7), []);
  const tree = () => mls.treeFromNodes(mls.treeNodesOf(created.member.state.ratchetTree));
  let ds = await mls.bootstrapGroup(created.groupInfo, tree());
  const served = mls.groupInfoIn(mls.fromWire(mls.toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo: ds.groupInfo })));
  if (served === undefined) throw new Error('the GroupInfo did not survive the wire');
  // RFC 9420 §12.4.3.2: extension_data is `HPKEPublicKey external_pub<V>`, so an X25519 key is 0x20 then 32 bytes
  // (unpatched ts-mls 1.6.4 writes the bare 32 bytes).
  const externalPub = served.extensions.find((e) => e.extensionType === 'external_pub');
  if (externalPub === undefined) throw new Error('the GroupInfo has no external_pub');
  if (externalPub.extensionData.length !== 33 || externalPub.extensionData[0] !== 0x20) {
    throw new Error(`external_pub extension_data is ${hex(externalPub.extensionData)}; RFC 9420 §12.4.3.2 wants 20 || 32-byte key (unpatched ts-mls?)`);
  }
  const joined = await mls.externalJoin(bob, await mls.createKeyPackage(bob), served, tree());
  const processed = await mls.processCommit(ds, mls.fromWire(joined.commit), joined.partialGroupInfo);
  ds = processed.group;
  if (processed.summary.operation !== 'external_join') throw new Error(`the DS classified the join as ${processed.summary.operation}`);
  const received = await mls.receive(created.member, joined.commit);
  if (received.kind !== 'handshake') throw new Error(`alice received the external commit as ${received.kind}`);
  const aliceNow = received.member;
  const bobNow = joined.member;
  const epochs = [mls.epochOf(aliceNow), mls.epochOf(bobNow), ds.groupContext.epoch];
  if (!epochs.every((e) => e === 1n)) throw new Error(`epochs after the join (alice, bob, DS): ${epochs.join(', ')}; expected 1`);
  const treeHashes = [aliceNow, bobNow].map((m) => hex(m.state.groupContext.treeHash));
  if (treeHashes[0] !== treeHashes[1] || treeHashes[0] !== hex(ds.groupContext.treeHash)) throw new Error(`tree hashes differ: alice ${treeHashes[0]}, bob ${treeHashes[1]}, DS ${hex(ds.groupContext.treeHash)}`);
  if (!mls.agreesWithDs(aliceNow, ds) || !mls.agreesWithDs(bobNow, ds)) throw new Error('a member does not hold the DS\'s GroupContext and tree');
  console.log(`pack-smoke: external join ok (epoch 1, tree hash ${treeHashes[0].slice(0, 16)}…)`);
}

// 4. The catalog from the package: runCatalog against a planted-bug variant fails the check that names it, and
// the unmodified reference passes it (over real TLS, in the consumer's process).
const root = modules['.'];
const catalog = modules['./catalog'];
if (root !== undefined && catalog !== undefined) {
  try {
    const bug = catalog.PLANTED.find((b) => b.caughtBy.length > 0);
    const checks = catalog.CATALOG.filter((c) => c.id === bug.caughtBy[0]);
    if (catalog.CATALOG.length === 0 || checks.length !== 1) throw new Error(`the catalog has ${catalog.CATALOG.length} checks and ${checks.length} named ${bug.caughtBy[0]}`);
    const [planted] = await root.runCatalog({ target: bug.target('target.test'), checks, seed: 1 });
    const [reference] = await root.runCatalog({ target: root.referenceTarget({ domain: 'target.test' }), checks, seed: 1 });
    if (planted.status !== 'fail' || reference.status !== 'pass') throw new Error(`${checks[0].id}: planted "${bug.name}" ${planted.status}, reference ${reference.status}`);
    console.log(`pack-smoke: runCatalog ok (${checks[0].id}: planted bug fails, reference passes)`);
  } catch (error) {
    fail(`runCatalog from the package: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

if (problems.length > 0) {
  console.error(`pack-smoke: ${problems.length} problem(s) with the installed package`);
  process.exit(1);
}
console.log(`pack-smoke: ${Object.keys(modules).length} subpath exports import; ts-mls is the bundled patched copy`);
EOF
