import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServing } from '../../harness/cli/index.js';
import { VARIANT_HOSTS, type ServedHost, type ServedVariant } from '../../harness/cli/serve-hosts.js';
import type { Network } from '../../harness/network/index.js';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'mimi-serve-variants-'));
let network: Network;
let hosts: Record<string, ServedHost>;

beforeAll(async () => {
  ({ network, hosts } = await startServing(1, out, 1));
});
afterAll(async () => {
  await network.dispose();
});

/** What a verifying client says about each host: curl's exit code and message, openssl's verify result. */
const EXPECTED: Record<ServedVariant, { curl: [number, RegExp]; openssl: RegExp }> = {
  valid: { curl: [0, /^$/], openssl: /Verify return code: 0 \(ok\)/ },
  'tls12-only': { curl: [35, /alert protocol version|unsupported protocol/i], openssl: /alert protocol version/ },
  expired: { curl: [60, /certificate has expired/], openssl: /verify error:num=10:certificate has expired/ },
  'not-yet-valid': { curl: [60, /certificate is not yet valid/], openssl: /verify error:num=9:certificate is not yet valid/ },
  'wrong-host': { curl: [60, /no alternative certificate subject name matches target host name/], openssl: /verify error:num=62:hostname mismatch/ },
  'untrusted-ca': { curl: [60, /unable to get local issuer certificate/], openssl: /verify error:num=20:unable to get local issuer certificate/ },
  'self-signed': { curl: [60, /self[- ]signed certificate/], openssl: /verify error:num=18:self[- ]signed certificate/ },
};

function portOf(name: string): string {
  return (hosts[name]?.address ?? '').split(':')[1] ?? '';
}

async function outcome(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, output: stderr + stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: (failed.stderr ?? '') + (failed.stdout ?? '') };
  }
}

/** curl as a client that requires TLS 1.3 and verifies against ca.pem. */
function curl(name: string): Promise<{ code: number; output: string }> {
  const port = portOf(name);
  return outcome('curl', ['--silent', '--show-error', '--tlsv1.3', '--cacert', join(out, 'ca.pem'), '--resolve', `${name}:${port}:127.0.0.1`, '-o', '/dev/null', `https://${name}:${port}/.well-known/mimi/ds-domain`]);
}

/** openssl s_client, checking the chain and the host name. */
function openssl(name: string, version = '-tls1_3'): Promise<{ code: number; output: string }> {
  const args = ['s_client', '-connect', `127.0.0.1:${portOf(name)}`, '-servername', name, '-verify_hostname', name, '-CAfile', join(out, 'ca.pem'), version, '-verify_return_error'];
  return outcome('sh', ['-c', `openssl ${args.join(' ')} </dev/null`]);
}

const cases: [string, ServedVariant][] = [['provider1.test', 'valid'], ...VARIANT_HOSTS.flatMap((host): [string, ServedVariant][] => [[host.domain, host.variant], [host.dsDomain, host.variant]])];

describe('serve: negative-variant hosts', () => {
  it('hosts.json marks every name with its variant; every variant has a provider and a DS name', () => {
    const written = JSON.parse(readFileSync(join(out, 'hosts.json'), 'utf8')) as Record<string, ServedHost>;
    for (const [name, variant] of cases) expect(written[name]?.variant, name).toBe(variant);
    expect(new Set(Object.values(written).map((host) => host.variant))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(cases)('curl requiring TLS 1.3 and trusting ca.pem: %s (%s)', async (name, variant) => {
    const { code, output } = await curl(name);
    const [expectedCode, message] = EXPECTED[variant].curl;
    expect({ code, output }).toMatchObject({ code: expectedCode, output: expect.stringMatching(message) as unknown });
  });

  it.each(cases)('openssl s_client -verify_return_error -verify_hostname: %s (%s)', async (name, variant) => {
    const { code, output } = await openssl(name);
    expect(output).toMatch(EXPECTED[variant].openssl);
    expect(code === 0).toBe(variant === 'valid');
  });

  it('the tls12-only host has a valid certificate: only its TLS version is wrong', async () => {
    const { code, output } = await openssl('tls12-only.test', '-tls1_2');
    expect(output).toMatch(/Verify return code: 0 \(ok\)/);
    expect(output).toMatch(/Protocol *: TLSv1\.2/);
    expect(code).toBe(0);
  });
});
