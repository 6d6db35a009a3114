import type { TLSSocket } from 'node:tls';

/** A raw HTTP/1.1 request: the bytes exactly as given, so that it can lack a Content-Length or stop in the middle of its body. */
export interface RawRequest {
  /** The request line and header fields, ending in an empty line (`\r\n\r\n`). */
  readonly head: string;
  /** Body bytes written after the head, as they are (chunk framing included, if any). */
  readonly parts?: readonly Uint8Array[];
  /** Virtual milliseconds to wait for a whole answer (default 10 s). */
  readonly timeoutMs?: number;
}

/** What came back: a whole answer (its body by its Content-Length), or why there was none. */
export type RawAnswer =
  | { readonly answered: true; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: Uint8Array }
  | { readonly answered: false; readonly reason: 'timeout' | 'closed' | 'error'; readonly detail: string };

/**
 * The first whole HTTP/1.1 answer in `received` (its Content-Length body
 * in), or undefined if it is not all in yet.
 *
 * @example
 * const answer = parseAnswer(Buffer.from('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n'));
 */
export function parseAnswer(received: Buffer): RawAnswer | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? '0');
  const body = received.subarray(end + 4);
  if (body.length < length) return undefined;
  return { answered: true, status: Number(statusLine.split(' ')[1]), headers, body: new Uint8Array(body.subarray(0, length)) };
}

/**
 * Writes a raw request on a fresh TLS socket once it is connected and
 * resolves with the first whole answer; the socket is closed then, or when
 * `expire` is called (the caller's timeout), or when the peer hangs up.
 *
 * @example
 * const answer = await exchangeRaw(socket, { head: 'POST /x HTTP/1.1\r\nhost: a.test\r\n\r\n' }, (stop) => clock.setTimer(10_000, stop));
 */
export function exchangeRaw(socket: TLSSocket, request: RawRequest, arm: (expire: () => void) => () => void): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (answer: RawAnswer): void => {
      if (done) return;
      done = true;
      disarm();
      socket.destroy();
      resolve(answer);
    };
    const disarm = arm(() => {
      finish({ answered: false, reason: 'timeout', detail: `no whole answer within ${request.timeoutMs ?? 10_000} ms of virtual time (${received.length} bytes received)` });
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received);
      if (answer !== undefined) finish(answer);
    });
    socket.on('error', (error: Error & { code?: string }) => {
      finish({ answered: false, reason: 'error', detail: `${error.code ?? error.name}: ${error.message}` });
    });
    socket.on('close', () => {
      finish({ answered: false, reason: 'closed', detail: `the connection closed before a whole answer (${received.length} bytes received)` });
    });
    socket.once('secureConnect', () => {
      socket.write(request.head);
      for (const part of request.parts ?? []) socket.write(part);
    });
  });
}
