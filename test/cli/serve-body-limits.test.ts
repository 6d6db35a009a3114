import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServing } from '../../harness/cli/index.js';
import { decode, encode } from '../../harness/codec/index.js';
import { connectionKeyPackageResponse, dsRequest, dsResponse } from '../../harness/messages/index.js';
import type { Network } from '../../harness/network/index.js';
import { DEFAULT_MAX_BODY, DEFAULT_RATE_LIMITS } from '../../harness/provider/index.js';

// Profile §10, driven from outside: curl against `serve`'s listeners. Every limit is applied before the
// body is read (or while a chunked one streams); a server that buffered first would wait for bytes that
// curl never sends, and curl's --max-time turns that into a failure instead of a hang.

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'mimi-serve-limits-'));
const DS = 'ds.provider1.test';
let network: Network;
let port = '';

beforeAll(async () => {
  // On the virtual clock: the rate-limit test drains a budget that real time would refill meanwhile.
  const served = await startServing(1, out, 1, {}, { virtualClock: true });
  network = served.network;
  port = (served.hosts[DS]?.address ?? '').split(':')[1] ?? '';
});
afterAll(async () => {
  await network.dispose();
});

/** One curl process; every `--next` group its own transfer, each written to its own file. Returns status and body per transfer. */
async function curl(groups: { path: string; args: string[] }[]): Promise<{ status: string; body: Uint8Array }[]> {
  const argv: string[] = ['--silent', '--show-error', '--max-time', '5', '--cacert', join(out, 'ca.pem'), '--resolve', `${DS}:${port}:127.0.0.1`, '--tlsv1.3'];
  const files = groups.map((_, i) => join(out, `body-${Date.now()}-${i}.bin`));
  groups.forEach((group, i) => {
    if (i > 0) argv.push('--next', '--max-time', '5', '--cacert', join(out, 'ca.pem'), '--resolve', `${DS}:${port}:127.0.0.1`);
    argv.push('-o', files[i] ?? '', '-w', '%{http_code}\n', '-H', 'content-type: application/octet-stream', '-H', 'Expect:', ...group.args, `https://${DS}:${port}${group.path}`);
  });
  const { stdout } = await run('curl', argv, { maxBuffer: 1 << 20 });
  const statuses = stdout.trim().split('\n');
  return files.map((file, i) => ({ status: statuses[i] ?? '', body: new Uint8Array(readFileSync(file)) }));
}

function errorCodeOf(body: Uint8Array): string {
  const decoded = decode(dsResponse, body).response_body;
  return decoded.response_type === 'error' ? decoded.error.code : `not an error: ${decoded.response_type}`;
}

describe('serve: request body limits seen by curl (profile §10)', { timeout: 15_000 }, () => {
  it('a declared Content-Length over the limit gets 413 at once, though only five bytes follow', async () => {
    const [answer] = await curl([{ path: '/group_operation', args: ['-H', `content-length: ${100 * DEFAULT_MAX_BODY}`, '--data-binary', 'abcde'] }]);
    expect([answer?.status, errorCodeOf(answer?.body ?? new Uint8Array())]).toEqual(['413', 'payload_too_large']);
  });

  it('a chunked body that passes the limit gets 413 while it is still streaming; a small chunked one is served', async () => {
    // curl streams its stdin as a chunked body (-T -); the test writes twice the limit and never ends it.
    const file = join(out, 'streamed.bin');
    const curlProcess = spawn('curl', ['--silent', '--show-error', '--max-time', '5', '--cacert', join(out, 'ca.pem'), '--resolve', `${DS}:${port}:127.0.0.1`, '-X', 'POST', '-T', '-', '-H', 'content-type: application/octet-stream', '-H', 'Expect:', '-o', file, '-w', '%{http_code}', `https://${DS}:${port}/group_operation`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let status = '';
    let stderr = '';
    curlProcess.stdout.on('data', (data: Buffer) => (status += data.toString()));
    curlProcess.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    curlProcess.stdin.on('error', () => undefined);
    curlProcess.stdin.write(new Uint8Array(2 * DEFAULT_MAX_BODY));
    const code = await new Promise<number | null>((resolve) => curlProcess.once('close', resolve));
    curlProcess.stdin.destroy();
    expect([code, status, stderr]).toEqual([0, '413', '']);
    expect(errorCodeOf(new Uint8Array(readFileSync(file)))).toBe('payload_too_large');
    const small = join(out, 'small.bin');
    writeFileSync(small, encode(dsRequest, { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } }));
    const [fine] = await curl([{ path: '/group_operation', args: ['-H', 'transfer-encoding: chunked', '--data-binary', `@${small}`] }]);
    expect(fine?.status).toBe('200');
    expect(decode(dsResponse, fine?.body ?? new Uint8Array()).response_body.response_type).toBe('group_id');
  });

  it('a source over its rate limit gets 429 before its body is read', async () => {
    const path = '/connection_key_packages';
    // Twice the burst in one keep-alive run, faster than the budget refills.
    const burst = DEFAULT_RATE_LIMITS[path]?.source?.burst ?? 0;
    const drain = Array.from({ length: 2 * burst }, () => ({ path, args: ['--data-binary', 'x'] }));
    const answers = await curl([...drain, { path, args: ['-H', 'content-length: 1000', '--data-binary', 'abc'] }]);
    const last = answers.at(-1);
    expect(last?.status).toBe('429');
    // The path's own error carrier (profile §10).
    expect(decode(connectionKeyPackageResponse, last?.body ?? new Uint8Array())).toMatchObject({ response_body: { response_type: 'error', error: { code: 'rate_limited' } } });
  });
});
