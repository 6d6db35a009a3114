import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest declared body whose unread rest is drained to keep the connection alive after an early answer. */
export const DRAIN_LIMIT = 64 * 1024;

/** How long a connection closed after an early answer still reads (and drops) what its peer sends. */
export const LINGER_MS = 2_000;

/**
 * Closes the connection as RFC 9112 §9.6 advises for a server that stops
 * reading a request: half-close (our FIN after the answer), then read and
 * drop what still comes until the peer closes or {@link LINGER_MS} passes.
 * Node's own close would destroy the socket as soon as the answer is
 * flushed, and a peer still sending then gets a reset that can throw the
 * answer away before it is read.
 */
function lingerAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
    });
  };
}

/**
 * Called when a handler has answered before the request body was whole (a
 * 413, a 429, any early refusal; profile §10). The unread rest is drained,
 * never buffered: a small declared rest ({@link DRAIN_LIMIT}) keeps the
 * connection alive; a larger or chunked one closes it after the answer, so
 * the harness does not keep reading a body it refused.
 *
 * @example
 * if (!req.complete) afterEarlyAnswer(req, res);
 */
export function afterEarlyAnswer(req: IncomingMessage, res: ServerResponse): void {
  const declared = Number(req.headers['content-length']);
  if (!(declared <= DRAIN_LIMIT)) lingerAfterAnswer(req, res);
  req.removeAllListeners('data');
  req.resume();
}
