import http from 'node:http';
import { allowLoopbackPort } from './guard.js';

// Captured at load, before any interceptor patches the module: a control call is not MIMI traffic and never enters the simulated network.
const originalHttpRequest = http.request;

/**
 * A control-API call failed: the URL is not loopback, the connection failed,
 * the answer did not come within the timeout (real time), or it was not
 * JSON. `call` names the call, so a check's failure says which one.
 *
 * @example
 * new LoopbackJsonError('POST /clients', 'timed out after 10000 ms')
 */
export class LoopbackJsonError extends Error {
  override readonly name = 'LoopbackJsonError';
  constructor(readonly call: string, detail: string, readonly status?: number, readonly body?: unknown) {
    super(`control call ${call}: ${detail}`);
  }
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/;

/** The loopback `http:` URL of a control API, or a {@link LoopbackJsonError}. @example loopbackUrl('http://127.0.0.1:9000') */
export function loopbackUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LoopbackJsonError('(setup)', `${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK.test(parsed.hostname) || parsed.port === '') throw new LoopbackJsonError('(setup)', `${url} is not an http URL on loopback with a port (the control API is a side channel on 127.0.0.1, docs/ADAPTER.md)`);
  return parsed;
}

/** The answer of a control call: its status and its JSON body. */
export interface LoopbackJsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One JSON call to a control API on loopback (docs/ADAPTER.md): the port is
 * admitted by the network guard for the call only, the request and answer
 * are JSON, and the call is bounded in real time (the other side is another
 * process, not on the virtual clock).
 *
 * @example
 * const { status, body } = await loopbackJson(new URL('http://127.0.0.1:9000'), 'POST', '/clients', { client }, 10_000);
 */
export function loopbackJson(base: URL, method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<LoopbackJsonAnswer> {
  const call = `${method} ${path}`;
  const port = Number(base.port);
  const release = allowLoopbackPort(port);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<LoopbackJsonAnswer>((resolve, reject) => {
    const request = originalHttpRequest({ host: base.hostname.replace(/^\[|\]$/g, ''), port, method, path, headers: { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': payload.length }) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => { reject(new LoopbackJsonError(call, error.message)); });
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch {
          reject(new LoopbackJsonError(call, `answered ${response.statusCode ?? '?'} with a body that is not JSON: ${JSON.stringify(text.slice(0, 80))}`, response.statusCode));
        }
      });
    });
    const timer = setTimeout(() => { request.destroy(new LoopbackJsonError(call, `no answer within ${timeoutMs} ms`)); }, timeoutMs);
    request.on('error', (error) => { reject(error instanceof LoopbackJsonError ? error : new LoopbackJsonError(call, error.message)); });
    request.on('close', () => { clearTimeout(timer); });
    request.end(payload);
  }).finally(release);
}
