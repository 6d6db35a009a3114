import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSignatureKeys } from 'mimi-transport-harness/mls';
import { makeCertificate } from './certificate.js';
import { createExclusive, type ProviderContext } from './context.js';
import { createDirectory } from './directory.js';
import { createDiscovery } from './discovery.js';
import { listen, portOf } from './listener.js';
import { createOutbox } from './outbox.js';
import { readPeers, type Peers } from './peers.js';
import { createReplayMemory } from './replay-memory.js';
import { BUDGETS, createLimiter } from './rate-limits.js';
import { createKeyCache } from './verification-keys.js';
import { startControl } from './control-server.js';
import type { LocalDispatch } from './ds-calls.js';
import { errorAnswer } from './protocol-error.js';
import { routes } from './routes.js';

const { values } = parseArgs({
  options: {
    peers: { type: 'string' },
    out: { type: 'string' },
    domain: { type: 'string', default: 'indie.test' },
    port: { type: 'string', default: '0' },
    'control-port': { type: 'string', default: '0' },
  },
});
if (values.peers === undefined || values.out === undefined) {
  process.stderr.write('usage: node build/main.js --peers DIR --out DIR [--domain indie.test] [--port N] [--control-port N]\n');
  process.exit(2);
}
const peersDir = resolve(values.peers);
const out = resolve(values.out);
const domain = values.domain;
const dsDomain = `ds.${domain}`;
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

mkdirSync(out, { recursive: true });
const certificate = makeCertificate(out, [domain, dsDomain]);
const keys = await generateSignatureKeys();
let peers: Peers | undefined;
const peersNow = (): Peers => {
  if (peers === undefined) throw new Error('the harness peers dir has not been read yet');
  return peers;
};
const directory = createDirectory(domain);
const discovery = createDiscovery(peersNow, domain, dsDomain);
const context: ProviderContext = {
  domain,
  dsDomain,
  keys,
  peers: peersNow,
  discovery,
  keyCache: createKeyCache(peersNow, dsDomain, keys.publicKey),
  replays: createReplayMemory(),
  limiter: createLimiter(),
  directory,
  outbox: createOutbox({ domain, dsDomain, signKey: keys.signKey, peers: peersNow, discovery, directory, log }),
  groups: new Map(),
  retired: new Set(),
  accepted: new Map(),
  exclusive: createExclusive(),
  log,
};
const table = routes();
const local: LocalDispatch = async (path, body) => {
  const route = table.find((r) => r.path === path && r.on === 'ds');
  if (route?.handle == null) throw new Error(`no endpoint ${path}`);
  try {
    return await route.handle(context, body);
  } catch (error) {
    return errorAnswer(error, route.carrier);
  }
};
const server = await listen({ keyPem: certificate.keyPem, certPem: certificate.certPem, port: Number(values.port), table, context: () => (peers === undefined ? undefined : context) });
const control = await startControl(context, local, Number(values['control-port']));
const origin = `https://127.0.0.1:${portOf(server)}`;

// The target config (docs/schemas/target-config.schema.json): where we listen, the CA to trust, the control API,
// and the checks we leave out, each with its reason (expected-failures.json beside the sources).
const here = dirname(fileURLToPath(import.meta.url));
const expectedFailures = JSON.parse(readFileSync(join(here, '..', 'expected-failures.json'), 'utf8')) as Record<string, string>;
const config = {
  $schema: 'https://mimi-transport-harness.invalid/schemas/target-config.schema.json',
  name: `independent provider (${domain})`,
  provider: { domain, url: origin },
  ds: { domain: dsDomain, url: origin },
  ca: 'ca.pem',
  control: control.url,
  budgets: BUDGETS,
  expectedFailures,
};
writeFileSync(join(out, 'target.json.tmp'), `${JSON.stringify(config, null, 2)}\n`);
renameSync(join(out, 'target.json.tmp'), join(out, 'target.json'));
log(`listening on ${origin} as ${domain} and ${dsDomain}, control ${control.url}; waiting for ${peersDir}`);

const poll = setInterval(() => {
  try {
    peers = readPeers(peersDir);
  } catch (error) {
    log(`peers dir not readable yet: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (peers !== undefined) {
    clearInterval(poll);
    log(`read ${peers.hosts.size} peer names from ${peersDir}; ready`);
  }
}, 100);

const stop = () => {
  clearInterval(poll);
  server.close();
  control.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
