import { execFile } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServing } from '../../harness/cli/index.js';
import { decode, encode } from '../../harness/codec/index.js';
import { dsDomainResponse, dsResponse, verificationKeyRequest, verificationKeyResponse } from '../../harness/messages/index.js';
import type { Network } from '../../harness/network/index.js';
import type { ServedHost } from '../../harness/cli/serve-hosts.js';
import { BUNDLED_RSA_KEYS } from '../../harness/pki/bundled-keys.js';
import { memoryIo } from '../helpers/cli-io.js';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'mimi-serve-'));
let network: Network;
let hosts: Record<string, ServedHost>;

beforeAll(async () => {
  ({ network, hosts } = await startServing(2, out, 1));
});
afterAll(async () => {
  await network.dispose();
});

function portOf(name: string): string {
  return (hosts[name]?.address ?? '').split(':')[1] ?? '';
}

/** curl against a served name; async, since the server runs in this process. */
async function curl(name: string, path: string, extra: string[] = []): Promise<{ status: string; body: Buffer }> {
  const port = portOf(name);
  const bodyFile = join(out, `curl-${name}-${path.replace(/\W/g, '_')}.bin`);
  const { stdout } = await run('curl', ['--silent', '--show-error', '--cacert', join(out, 'ca.pem'), '--resolve', `${name}:${port}:127.0.0.1`, '--tlsv1.3', '-o', bodyFile, '-w', '%{http_code}', ...extra, `https://${name}:${port}${path}`]);
  return { status: stdout, body: readFileSync(bodyFile) };
}

async function openssl(name: string, version: '-tls1_3' | '-tls1_2'): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', `openssl s_client -connect 127.0.0.1:${portOf(name)} -servername ${name} -CAfile ${join(out, 'ca.pem')} ${version} -verify_return_error </dev/null`]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

describe('mimi-harness serve', () => {
  it('writes ca.pem and hosts.json mapping every provider and DS domain to a loopback port and its variant', () => {
    const written = JSON.parse(readFileSync(join(out, 'hosts.json'), 'utf8')) as Record<string, ServedHost>;
    const valid = Object.keys(written).filter((name) => written[name]?.variant === 'valid');
    expect(valid.sort()).toEqual(['ds.provider1.test', 'ds.provider2.test', 'provider1.test', 'provider2.test']);
    for (const host of Object.values(written)) expect(host.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(written['provider1.test']).toEqual(written['ds.provider1.test']);
    expect(written).toEqual(hosts);
    expect(readFileSync(join(out, 'ca.pem'), 'utf8')).toBe(network.caPem);
  });

  it('curl fetches discovery over TLS 1.3 with the harness CA, and the answer decodes', async () => {
    const { status, body } = await curl('provider1.test', '/.well-known/mimi/ds-domain');
    expect(status).toBe('200');
    expect(decode(dsDomainResponse, new Uint8Array(body))).toEqual({ ds_domain: 'ds.provider1.test' });
  });

  it('curl sends GET /verification_key with a body and gets the key; garbage gets a decodable 400', async () => {
    const request = join(out, 'verification-key-request.bin');
    writeFileSync(request, encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.outside.test', recipient: 'ds.provider2.test' }));
    const ok = await curl('ds.provider2.test', '/verification_key', ['-X', 'GET', '-H', 'content-type: application/octet-stream', '--data-binary', `@${request}`]);
    expect(ok.status).toBe('200');
    expect(decode(verificationKeyResponse, new Uint8Array(ok.body))).toMatchObject({ domain: 'ds.provider2.test', signature_scheme: 'ed25519' });
    // And `mimi-harness decode` accepts it.
    const io = memoryIo();
    expect(await runCli(['decode', 'VerificationKeyResponse', ok.body.toString('hex')], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({ domain: 'ds.provider2.test', signature_scheme: 'ed25519' });
    const { status, body } = await curl('ds.provider2.test', '/group_operation', ['-X', 'POST', '-H', 'content-type: application/octet-stream', '--data-binary', 'garbage']);
    expect(status).toBe('400');
    // "ga" is read as DSProtocolVersion 0x6761 (profile §10: a wrong leading version is unsupported_version).
    expect(decode(dsResponse, new Uint8Array(body)).response_body).toMatchObject({ response_type: 'error', error: { code: 'unsupported_version' } });
  });

  it('openssl s_client succeeds with TLS 1.3 and is refused with TLS 1.2', async () => {
    const modern = await openssl('ds.provider1.test', '-tls1_3');
    expect(modern.ok).toBe(true);
    expect(modern.output).toMatch(/Verify return code: 0 \(ok\)/);
    expect(modern.output).toMatch(/TLSv1\.3/);
    const old = await openssl('ds.provider1.test', '-tls1_2');
    expect(old.ok).toBe(false);
    expect(old.output).toMatch(/alert protocol version|no protocols available|wrong version|unsupported protocol/i);
  });

  it('the CLI command stops cleanly when told to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimi-serve-cli-'));
    const io = memoryIo();
    const { serveCommand } = await import('../../harness/cli/serve-command.js');
    const { parseArgs } = await import('../../harness/cli/args.js');
    const code = await serveCommand(parseArgs(['--providers', '1', '--out', dir], []), io, (stop) => setImmediate(stop));
    expect(code).toBe(0);
    expect(io.stdout).toEqual([expect.stringMatching(/^serving 1 providers and 6 negative-variant hosts on 127\.0\.0\.1/) as unknown, 'stopped']);
    expect(await runCli(['serve', '--providers', '0', '--out', dir], memoryIo())).toBe(2);
  });

  it('the listener limits are flags: a bad value is a usage error; a cap of one connection per source refuses the second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimi-serve-limits-'));
    const bad = memoryIo();
    expect(await runCli(['serve', '--providers', '1', '--out', dir, '--idle-timeout-ms', '0'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/idleTimeoutMs must be a positive integer/);
    const io = memoryIo();
    const { serveCommand } = await import('../../harness/cli/serve-command.js');
    const { parseArgs } = await import('../../harness/cli/args.js');
    let stop: () => void = () => undefined;
    const serving = serveCommand(parseArgs(['--providers', '1', '--out', dir, '--max-connections-per-source', '1'], []), io, (s) => {
      stop = s;
    });
    while (!existsSync(join(dir, 'hosts.json'))) await new Promise((resolve) => setImmediate(resolve));
    const served = JSON.parse(readFileSync(join(dir, 'hosts.json'), 'utf8')) as Record<string, ServedHost>;
    const port = Number((served['provider1.test']?.address ?? '').split(':')[1]);
    const connect = () =>
      new Promise<'connected' | 'refused'>((resolve) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'provider1.test', ca: readFileSync(join(dir, 'ca.pem'), 'utf8') });
        socket.once('secureConnect', () => { resolve('connected'); });
        socket.once('error', () => { resolve('refused'); });
        socket.once('close', () => { resolve('refused'); });
        sockets.push(socket);
      });
    const sockets: tls.TLSSocket[] = [];
    try {
      expect(await connect()).toBe('connected');
      expect(await connect()).toBe('refused');
    } finally {
      for (const socket of sockets) socket.destroy();
      stop();
    }
    expect(await serving).toBe(0);
  });

  it('an --out it cannot create or write is one line on stderr and exit 2, with nothing left listening', async () => {
    const file = join(out, 'a-regular-file');
    writeFileSync(file, '');
    // Fails even for root: a path under a regular file (ENOTDIR).
    for (const path of ['/dev/null/x', join(file, 'sub')]) {
      const io = memoryIo();
      expect(await runCli(['serve', '--providers', '1', '--out', path], io)).toBe(2);
      expect(io.stdout).toEqual([]);
      expect(io.stderr).toEqual([`mimi-harness serve: cannot write to --out ${path}: ENOTDIR`]);
    }
    // Created, but ca.pem cannot be written (its temporary name is taken by a folder): the listeners are closed again.
    const blocked = mkdtempSync(join(tmpdir(), 'mimi-serve-blocked-'));
    mkdirSync(join(blocked, 'ca.pem.tmp'));
    const io = memoryIo();
    expect(await runCli(['serve', '--providers', '1', '--out', blocked], io)).toBe(2);
    expect(io.stderr).toEqual([`mimi-harness serve: cannot write to --out ${blocked}: EISDIR`]);
    expect(existsSync(join(blocked, 'hosts.json'))).toBe(false);
  });

  it('every run gets a fresh CA key, and it is none of the keys bundled in the package', async () => {
    const spki = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('hex');
    const bundled = new Set(BUNDLED_RSA_KEYS.map(spki));
    const again = mkdtempSync(join(tmpdir(), 'mimi-serve-again-'));
    const second = await startServing(1, again, 1);
    await second.network.dispose();
    const keys = [out, again].map((dir) => spki(new X509Certificate(readFileSync(join(dir, 'ca.pem'), 'utf8')).publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) expect(bundled.has(key)).toBe(false);
    // Leaf certificates still come from the pool, signed by the fresh CA.
    const leaf = network.pki.credentials(['provider1.test', 'ds.provider1.test']);
    expect(bundled.has(spki(leaf.keyPem))).toBe(true);
    expect(new X509Certificate(leaf.certPem).verify(new X509Certificate(network.caPem).publicKey)).toBe(true);
  });

  it('parser-level errors (PROFILE §10: exempt from typed bodies) are a bare status with Connection: close; the listener serves on', async () => {
    const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
    const cases: [string, string][] = [
      ['431', head(['GET /.well-known/mimi/ds-domain HTTP/1.1', 'Host: provider1.test', ...Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`)])],
      ['431', head(['GET /.well-known/mimi/ds-domain HTTP/1.1', 'Host: provider1.test', `X-Big: ${'a'.repeat(1024 * 1024)}`])],
      ['431', head([`GET /${'a'.repeat(100 * 1024)} HTTP/1.1`, 'Host: provider1.test'])],
      ['400', head(['GET / HTTP/1.1 extra', 'Host: provider1.test'])],
      ['400', head(['POST /group_operation HTTP/1.1', 'Host: ds.provider1.test', 'Content-Length: 5', 'Transfer-Encoding: chunked']) + '0\r\n\r\n'],
    ];
    const answers = await Promise.all(cases.map(([, request]) => raw('ds.provider1.test', request)));
    for (const [i, [status]] of cases.entries()) {
      const answer = answers[i] ?? '';
      const [statusLine = '', ...rest] = answer.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
      expect(statusLine, `case ${i}`).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(rest, `case ${i}`).toEqual(['Connection: close']);
      expect(answer.endsWith('\r\n\r\n'), `case ${i}: no body`).toBe(true);
    }
    // A malformed request after a served one on the same keep-alive connection is answered too.
    const both = await raw('provider1.test', head(['GET /.well-known/mimi/ds-domain HTTP/1.1', 'Host: provider1.test']), head(['BAD\u0001 / HTTP/1.1']));
    expect(both).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/);
    expect((await curl('provider1.test', '/.well-known/mimi/ds-domain')).status).toBe('200');
  });
});

/**
 * Writes `request` on a fresh TLS connection to `name`, then each of `more`
 * once something came back, and resolves with everything read until the
 * server closes.
 */
function raw(name: string, request: string, ...more: string[]): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = tls.connect({ host: '127.0.0.1', port: Number(portOf(name)), servername: name, ca: network.caPem }, () => {
      socket.write(request);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const next = more.shift();
      if (next !== undefined) socket.write(next);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(received);
    });
  });
}
