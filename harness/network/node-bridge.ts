import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1) that never cross to the other side. */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Reads a whole Node stream. @example const bytes = await readAll(req); */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Node's incoming headers as Fetch Headers, hop-by-hop ones dropped. */
export function toFetchHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.append(name, item);
  }
  return out;
}

/**
 * A Fetch Request for an incoming Node request. GET and HEAD carry no body
 * in a Fetch Request; the caller passes the bytes on in ConnectionInfo.body.
 *
 * @example
 * const request = toFetchRequest(req, body, 'alpha.test');
 */
export function toFetchRequest(req: IncomingMessage, body: Uint8Array, host: string): Request {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`https://${host}${req.url ?? '/'}`, { method, headers: toFetchHeaders(req.headers), ...(hasBody ? { body } : {}) });
}

/** Writes a Fetch Response to a Node response with an explicit Content-Length. */
export async function writeFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-length') headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body);
}
