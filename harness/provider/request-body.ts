import { decode, DecodeError, type Codec } from '../codec/index.js';
import { ProviderError } from './provider-error.js';

/** What a handler gets besides the Request (the network's ConnectionInfo, or nothing in a unit test). */
export interface RequestContext {
  /** The raw body, including a body on GET (which a Fetch Request cannot hold). */
  readonly body?: Uint8Array;
  readonly remoteAddress?: string;
}

/** Default largest request body (profile §10). */
export const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * Reads and decodes a request body per profile §10: application/octet-stream
 * (415 otherwise), a Content-Length (411 without one), at most `maxBytes`
 * (413, checked before reading), and a strict decoding (400 decode_error
 * naming code, offset and path).
 *
 * @example
 * const request = await readBody(req, ctx, dsRequest, 'DSRequest');
 */
export async function readBody<T>(request: Request, context: RequestContext | undefined, codec: Codec<T>, structName: string, maxBytes = DEFAULT_MAX_BODY): Promise<T> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') throw new ProviderError('unsupported_media_type', `the body must be application/octet-stream, not "${type ?? ''}"`);
  const declared = request.headers.get('content-length');
  if (declared === null && context?.body === undefined) throw new ProviderError('length_required', 'the request has no Content-Length');
  if (declared !== null && Number(declared) > maxBytes) throw new ProviderError('payload_too_large', `${declared} bytes, at most ${maxBytes}`);
  const bytes = context?.body ?? new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw new ProviderError('payload_too_large', `${bytes.length} bytes, at most ${maxBytes}`);
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
