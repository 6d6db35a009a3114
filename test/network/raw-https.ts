import tls from 'node:tls';
import { parseRawAnswer } from '../../harness/network/index.js';

/** An HTTP/1.1 answer read off a raw socket. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/**
 * Writes `head` and then `parts` on a fresh TLS connection to a loopback
 * listener, exactly as given (so a request can lie about its length, or
 * stop in the middle of its body), and resolves with the first answer once
 * it is whole. The connection is left open until then, as a slow client's.
 *
 * @example
 * const answer = await rawHttps(port, 'ds.alpha.test', caPem, 'POST / HTTP/1.1\r\n...\r\n\r\n', [bytes]);
 */
export function rawHttps(port: number, servername: string, ca: string, head: string, parts: readonly Uint8Array[] = []): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, ca, minVersion: 'TLSv1.3' });
    let received = Buffer.alloc(0);
    const tryParse = (): RawAnswer | undefined => {
      const answer = parseRawAnswer(received);
      return answer?.answered === true ? { status: answer.status, headers: { ...answer.headers }, body: answer.body } : undefined;
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = tryParse();
      if (answer !== undefined) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      reject(new Error(`the connection closed before a whole answer (${received.length} bytes)`));
    });
    socket.once('secureConnect', () => {
      socket.write(head);
      for (const part of parts) socket.write(part);
    });
  });
}

/** One chunk of the chunked transfer coding (RFC 9112 §7.1). */
export function chunk(bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}
