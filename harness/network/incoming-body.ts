import type { ConnectionInfo } from './host.js';

/**
 * The whole body of a request a handler received, whatever its method: the
 * Request's own, or a GET's from `info.rawBody`. Reads without a bound, so
 * it is for test hosts; a provider applies its limits first (profile §10).
 *
 * @example
 * const bytes = await incomingBody(request, info);
 */
export async function incomingBody(request: Request, info: Pick<ConnectionInfo, 'rawBody'>): Promise<Uint8Array> {
  const stream = request.body ?? info.rawBody;
  return stream === null ? new Uint8Array(0) : new Uint8Array(await new Response(stream).arrayBuffer());
}
