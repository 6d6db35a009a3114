import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';

/** Where one peer name listens (hosts.json of the harness's peers dir, docs/EXTERNAL.md). */
export interface PeerAddress {
  readonly host: string;
  readonly port: number;
}

/** The harness's peers: the only CA to trust for them, and each name's loopback address. */
export interface Peers {
  readonly caPem: string;
  readonly hosts: ReadonlyMap<string, PeerAddress>;
}

/** What a peer answered. */
export interface PeerAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/**
 * Reads the peers dir once both files exist (`mimi-harness run --peers-out DIR` writes `ca.pem` and `hosts.json`);
 * undefined while they do not.
 *
 * @example
 * const peers = readPeers('/tmp/peers'); // { caPem, hosts: Map { 'peer-a.test' => { host: '127.0.0.1', port: 40123 } } }
 */
export function readPeers(dir: string): Peers | undefined {
  const hostsFile = join(dir, 'hosts.json');
  const caFile = join(dir, 'ca.pem');
  if (!existsSync(hostsFile) || !existsSync(caFile)) return undefined;
  const raw = JSON.parse(readFileSync(hostsFile, 'utf8')) as Record<string, { address: string }>;
  const hosts = new Map<string, PeerAddress>();
  for (const [name, { address }] of Object.entries(raw)) {
    const at = address.lastIndexOf(':');
    hosts.set(name, { host: address.slice(0, at), port: Number(address.slice(at + 1)) });
  }
  return { caPem: readFileSync(caFile, 'utf8'), hosts };
}

/**
 * One HTTPS request to a peer by its name, through our own resolver override (docs/EXTERNAL.md): connect to the
 * loopback address hosts.json gives, send the name as SNI and Host, verify the certificate against the peers' CA
 * only, TLS 1.3 only (transport draft "Transport Security and Authentication"). Redirects are never followed (profile §11).
 *
 * @example
 * const answer = await peerRequest(peers, 'peer-a.test', 'GET', '/.well-known/mimi/ds-domain');
 */
export function peerRequest(peers: Peers, name: string, method: 'GET' | 'POST', path: string, body?: Uint8Array, timeoutMs = 10_000): Promise<PeerAnswer> {
  const address = peers.hosts.get(name);
  if (address === undefined) return Promise.reject(new Error(`${name} is not in the peers' hosts.json`));
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: name };
    if (body !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(body.byteLength);
    }
    const req = https.request({ host: address.host, port: address.port, servername: name, method, path, headers, ca: peers.caPem, minVersion: 'TLSv1.3', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      });
      res.once('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} https://${name}${path}: no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(body === undefined ? undefined : Buffer.from(body));
  });
}
