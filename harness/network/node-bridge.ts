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
 * An incoming Node body as a web stream that reads only as fast as its
 * reader pulls. Cancelling it stops reading without destroying the socket,
 * so a 413 or 429 can still be written on it (profile §10: limits apply
 * before and while the body is read, never after it was buffered whole).
 *
 * @example
 * const stream = nodeBodyStream(req);
 */
export function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  const stop = (): void => {
    open = false;
    req.pause();
    req.removeAllListeners('data');
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (open) controller.close();
          open = false;
        });
        // The caller hung up mid-body: the reader sees an error, never a short body taken for whole.
        req.once('close', () => {
          if (open && !req.complete) controller.error(Object.assign(new Error('the request body ended early'), { code: 'ECONNRESET' }));
          open = false;
        });
      },
      pull() {
        req.resume();
      },
      cancel: stop,
    },
    { highWaterMark: 1 },
  );
}

/** An incoming request as a handler sees it: the Fetch Request and what it cannot carry. */
export interface IncomingFetchRequest {
  readonly request: Request;
  /** The body of a GET or HEAD, unread (a Fetch Request cannot hold one); null otherwise. */
  readonly rawBody: ReadableStream<Uint8Array> | null;
  /** The body comes in the chunked transfer coding (RFC 9112 §7.1): no Content-Length says how long it is. */
  readonly chunked: boolean;
}

/**
 * A Fetch Request for an incoming Node request, its body a stream that is
 * not read yet: the handler applies its limits first (profile §10). GET and
 * HEAD carry no body in a Fetch Request; theirs is returned as `rawBody`.
 *
 * @example
 * const { request, rawBody, chunked } = toFetchRequest(req, 'alpha.test');
 */
export function toFetchRequest(req: IncomingMessage, host: string): IncomingFetchRequest {
  const method = req.method ?? 'GET';
  const chunked = /(?:^|,)\s*chunked\s*$/i.test(req.headers['transfer-encoding'] ?? '');
  const declared = req.headers['content-length'];
  const stream = chunked || (declared !== undefined && declared !== '0') ? nodeBodyStream(req) : null;
  const inRequest = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toFetchHeaders(req.headers) };
  if (inRequest && stream !== null) {
    init.body = stream;
    init.duplex = 'half';
  }
  return { request: new Request(`https://${host}${req.url ?? '/'}`, init), rawBody: inRequest ? null : stream, chunked };
}

/** Writes a Fetch Response, its body already read, to a Node response with an explicit Content-Length. */
export function writeFetchResponse(response: Response, body: Uint8Array, res: ServerResponse): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-length') headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body);
}
