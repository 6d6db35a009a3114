import https from 'node:https';
import { incomingBody, type FetchHandler, type HostSpec, type Network } from '../../harness/network/index.js';

/** A host that answers `<method> <path> <body length> from <source> <remoteAddress>` and counts requests. */
export function echoHost(names: string[], counter: { count: number } = { count: 0 }): HostSpec {
  const handler: FetchHandler = async (request, info) => {
    counter.count += 1;
    return new Response(`${request.method} ${new URL(request.url).pathname} ${(await incomingBody(request, info)).length} from ${info.source} ${info.remoteAddress}`, {
      headers: {
        'x-host-seen': request.headers.get('host') ?? '',
        'x-length-seen': request.headers.get('content-length') ?? '',
        'x-hop-by-hop-seen': ['keep-alive', 'proxy-connection', 'upgrade', 'te'].filter((name) => request.headers.has(name)).join(','),
      },
    });
  };
  return { names, start: () => handler };
}

/** An `https.request` as a promise of { status, bytes, headers }, or its error: the answer's body as bytes. */
export function nodeRequestBytes(url: string, options: https.RequestOptions = {}, body?: Uint8Array): Promise<{ status: number; bytes: Uint8Array; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, bytes: new Uint8Array(Buffer.concat(chunks)), headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An `https.request` as a promise of { status, body, headers }, the body as text, or its error. */
export async function nodeRequest(url: string, options: https.RequestOptions = {}, body?: Uint8Array): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { status, bytes, headers } = await nodeRequestBytes(url, options, body);
  return { status, body: Buffer.from(bytes).toString(), headers };
}

/** The transport draft's GET with a body, sent the one way Node can: `https.request` with Content-Length. */
export function getWithBody(url: string, body: Uint8Array): Promise<{ status: number; bytes: Uint8Array }> {
  return nodeRequestBytes(url, { method: 'GET', headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } }, body);
}

/** The `cause.code` of a rejected fetch (undici wraps network errors in TypeError('fetch failed')). */
export async function fetchFailureCode(network: Network, url: string, init?: RequestInit, source?: string): Promise<string> {
  try {
    await network.fetch(url, init, source);
  } catch (error) {
    if (error instanceof TypeError && error.message === 'fetch failed') return String((error.cause as { code?: string } | undefined)?.code);
    throw error;
  }
  throw new Error(`fetch of ${url} succeeded`);
}
