import type { IncomingMessage } from 'node:http';
import { decode, DecodeError, type Codec } from 'mimi-transport-harness/codec';
import { ProtocolError } from './protocol-error.js';

/** The largest request body this provider reads (profile §10: default 1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks the request head the way profile §10 orders it, before a byte of the body is read:
 * Content-Type application/octet-stream (415), a Content-Length or a chunked body (411), the size (413).
 *
 * @example
 * checkBodyHead(req); // throws ProtocolError('unsupported_media_type', …)
 */
export function checkBodyHead(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') throw new ProtocolError('unsupported_media_type', `the body must be application/octet-stream, not "${type ?? ''}"`);
  const declared = req.headers['content-length'];
  const chunked = /chunked/i.test(req.headers['transfer-encoding'] ?? '');
  if (declared === undefined && !chunked) throw new ProtocolError('length_required', 'the request has no Content-Length and is not chunked');
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw new ProtocolError('payload_too_large', `${declared} bytes declared, at most ${MAX_BODY_BYTES}`);
}

/**
 * Reads the body, stopping as soon as more than {@link MAX_BODY_BYTES} arrived (a chunked body is capped while it streams, profile §10).
 *
 * @example
 * const bytes = await readCapped(req);
 */
export async function readCapped(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) throw new ProtocolError('payload_too_large', `${total} bytes arrived and more were coming, at most ${MAX_BODY_BYTES}`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Strict decoding of a request struct (profile "Decoding rules"): a DecodeError is `decode_error` with
 * `<code> at offset <n> (<path>): <detail>`, except a wrong leading version, which is `unsupported_version` (profile §1, §10).
 *
 * @example
 * const request = decodeRequest(dsRequest, 'DSRequest', bytes);
 */
export function decodeRequest<T>(codec: Codec<T>, name: string, bytes: Uint8Array): T {
  try {
    return decode(codec, bytes, { rootName: name });
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const code = error.code === 'unknown-enum' && /\.(version|protocol_version)$/.test(error.path) ? 'unsupported_version' : 'decode_error';
    throw new ProtocolError(code, `${error.code} at offset ${error.offset} (${error.path}): ${error.detail}`);
  }
}
