import { decode, DecodeError, type Codec } from '../codec/index.js';
import { ProviderError } from './provider-error.js';

/** What a handler gets besides the Request (the network's ConnectionInfo, or nothing in a unit test). */
export interface RequestContext {
  /** The unread body of a GET or HEAD, which a Fetch Request cannot hold; null or absent otherwise. */
  readonly rawBody?: ReadableStream<Uint8Array> | null;
  /** The body arrives chunked (RFC 9112 §7.1), without a Content-Length (profile §10: accepted, capped while it streams). */
  readonly chunked?: boolean;
  readonly remoteAddress?: string;
}

/** Default largest request body (profile §10). */
export const DEFAULT_MAX_BODY = 1024 * 1024;

function tooLarge(size: string, maxBytes: number): ProviderError {
  return new ProviderError('payload_too_large', `${size}, at most ${maxBytes}`);
}

/** Reads a body stream, giving up (and cancelling the stream) as soon as more than `maxBytes` have arrived. */
async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      // The caller went away mid-body: nobody reads the answer, but it is still a typed refusal, not a 5xx.
      throw new ProviderError('decode_error', `the body could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge(`${total} bytes arrived and more were coming`, maxBytes);
    }
    chunks.push(next.value);
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads and decodes a request body per profile §10, every limit before the
 * bytes are taken in: application/octet-stream (415 otherwise), a
 * Content-Length or a chunked body (411 with neither), at most `maxBytes`
 * (413 on the Content-Length before reading, and while a chunked body
 * streams, which stops reading it), and a strict decoding (400 decode_error
 * naming code, offset and path). The body is the Request's own, or for GET
 * the raw one the network passes beside it.
 *
 * @example
 * const request = await readBody(req, ctx, dsRequest, 'DSRequest');
 */
export async function readBody<T>(request: Request, context: RequestContext | undefined, codec: Codec<T>, structName: string, maxBytes = DEFAULT_MAX_BODY): Promise<T> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') throw new ProviderError('unsupported_media_type', `the body must be application/octet-stream, not "${type ?? ''}"`);
  const declared = request.headers.get('content-length');
  if (declared === null && context?.chunked !== true) throw new ProviderError('length_required', 'the request has no Content-Length and is not chunked');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(`${declared} bytes declared`, maxBytes);
  const stream = request.body ?? context?.rawBody ?? null;
  const bytes = stream === null ? new Uint8Array(0) : await readCapped(stream, maxBytes);
  try {
    return decode(codec, bytes, { rootName: structName });
  } catch (error) {
    if (error instanceof DecodeError) {
      // A wrong leading version is unsupported_version, not a decoding problem (profile §10).
      const code = error.code === 'unknown-enum' && /\.(version|protocol_version)$/.test(error.path) ? 'unsupported_version' : 'decode_error';
      throw new ProviderError(code, `${error.code} at offset ${error.offset} (${error.path}): ${error.detail}`);
    }
    throw error;
  }
}
